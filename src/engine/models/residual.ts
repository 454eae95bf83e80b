/**
 * A residual block: h ↦ h + α·F(h), an identity skip around a branch F of
 * one or two dense layers (each its own reporting layer). The skip needs
 * F's output as wide as its input.
 *
 * Probes: a dense layer inside the branch reports ∂L/∂(its output), except
 * the branch's last, which reports ∂L/∂(the block's output): where a plain
 * network's layer output would be, so plain and residual runs compare layer
 * by layer.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { skipAdd } from '../ops/skip';
import type { ResidualSpec } from '../reproduce/spec';
import type { Dense } from './dense';
import type { Block, ForwardContext, LayerInfo, ParamDecl, ProbeSpec } from './types';

export interface ResidualOptions {
  /** F: one or two dense layers, applied in order. */
  branch: readonly Dense[];
  /** α, the branch's scale; 1 by default. */
  scale?: number;
}

export class Residual implements Block {
  readonly name: string;
  readonly params: readonly ParamDecl[];
  readonly layers: readonly Omit<LayerInfo, 'index'>[];
  readonly scale: number;
  private readonly branch: readonly Dense[];

  constructor(opts: ResidualOptions) {
    const branch = opts.branch;
    this.name = branch.map((d) => d.name).join('+');
    if (branch.length < 1 || branch.length > 2) throw new Error(`residual ${this.name}: the branch holds one or two dense layers, got ${branch.length}`);
    branch.forEach((d, i) => {
      if (i > 0 && d.inDim !== branch[i - 1]!.units) throw new Error(`residual ${this.name}: ${d.name} takes ${d.inDim} inputs, ${branch[i - 1]!.name} gives ${branch[i - 1]!.units}`);
    });
    const [first, last] = [branch[0]!, branch[branch.length - 1]!];
    if (first.inDim !== last.units) {
      throw new Error(`residual ${this.name}: the identity skip needs the branch's output as wide as its input, got ${first.inDim} → ${last.units}`);
    }
    this.branch = branch;
    this.scale = opts.scale ?? 1;
    this.params = branch.flatMap((d) => d.params);
    this.layers = branch.flatMap((d) => d.layers).map((l) => ({ ...l, kind: 'residual' as const }));
  }

  probes(batchSize: number): ProbeSpec[] {
    return this.branch.flatMap((d) => d.probes(batchSize));
  }

  describe(): ResidualSpec {
    return { type: 'residual', scale: this.scale, branch: this.branch.map((d) => d.describe()) };
  }

  forward(h: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const last = this.branch.length - 1;
    let f = h;
    this.branch.forEach((d, i) => {
      f = d.apply(f, ctx);
      if (i < last) f = ctx.probe(d.name, f);
    });
    return ctx.probe(this.branch[last]!.name, skipAdd(h, f, this.scale));
  }
}
