/**
 * Parameters by name. Variables are created without a tfjs name: tfjs's
 * variable names are global, and two runs side by side (twin widgets) must
 * not collide.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Model, ParamDecl, ParamRole } from './types';

export interface ParamEntry {
  readonly name: string;
  readonly role: ParamRole;
  readonly layer: string;
  readonly trainable: boolean;
  readonly variable: tf.Variable;
}

export class ParamRegistry {
  private readonly byName = new Map<string, ParamEntry>();
  private readonly order: ParamEntry[] = [];

  add(decl: ParamDecl): ParamEntry {
    if (this.byName.has(decl.name)) throw new Error(`duplicate parameter ${decl.name}`);
    const trainable = decl.trainable ?? true;
    // The initial-value tensor is only a carrier: tidy frees it, the variable survives.
    const variable = tf.tidy(() => tf.variable(tf.tensor(decl.values, [...decl.shape], 'float32'), trainable));
    const entry: ParamEntry = { name: decl.name, role: decl.role, layer: decl.layer, trainable, variable };
    this.byName.set(decl.name, entry);
    this.order.push(entry);
    return entry;
  }

  static fromModel(model: Model): ParamRegistry {
    const reg = new ParamRegistry();
    for (const block of model.blocks) for (const p of block.params) reg.add(p);
    return reg;
  }

  get(name: string): ParamEntry {
    const e = this.byName.get(name);
    if (!e) throw new Error(`no parameter ${name}`);
    return e;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** In declaration order (stable: the packed metrics layout depends on it). */
  entries(): readonly ParamEntry[] {
    return this.order;
  }

  trainable(): ParamEntry[] {
    return this.order.filter((e) => e.trainable);
  }

  /** Number of scalar parameters. */
  size(): number {
    return this.order.reduce((n, e) => n + e.variable.size, 0);
  }

  dispose(): void {
    for (const e of this.order) e.variable.dispose();
    this.order.length = 0;
    this.byName.clear();
  }
}
