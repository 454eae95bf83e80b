/**
 * All the numbers of one step go into ONE tensor, read back with ONE
 * `await data()`: each readback is a GPU→CPU sync (and dataSync would block
 * the worker on webgpu). Parts are registered by key and sliced back out.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GroupedRows } from './batched';

/** Where a metric puts its tensors: keys are its own (Packer.scope). */
export interface PackSink {
  add(key: string, t: tf.Tensor): void;
  addRows(key: string, rows: GroupedRows): void;
}

interface Slot {
  offset: number;
  size: number;
  /** For rows packed in groups: the item each packed row belongs to. */
  order?: readonly number[];
}

export class Packer implements PackSink {
  private readonly parts: tf.Tensor[] = [];
  private readonly slots = new Map<string, Slot>();
  private size = 0;

  /** Any shape or dtype; stored flat as float32. Call inside the step's tidy. */
  add(key: string, t: tf.Tensor): void {
    this.addParts(key, [t]);
  }

  /** Per-item rows still in their groups: read back in item order (`array`, `rows`). */
  addRows(key: string, rows: GroupedRows): void {
    this.addParts(key, rows.parts, rows.order);
  }

  private addParts(key: string, ts: readonly tf.Tensor[], order?: readonly number[]): void {
    if (this.slots.has(key)) throw new Error(`packer: duplicate key ${key}`);
    const offset = this.size;
    for (const t of ts) {
      const f = t.dtype === 'float32' ? t : tf.cast(t, 'float32');
      const flat = f.rank === 1 ? f : tf.reshape(f, [-1]); // a Reshape dispatch only where it changes the shape
      this.size += flat.size;
      this.parts.push(flat);
    }
    this.slots.set(key, { offset, size: this.size - offset, ...(order ? { order } : {}) });
  }

  /** A sink whose keys are prefixed by `prefix`: read them with `PackedValues.scope(prefix)`. */
  scope(prefix: string): PackSink {
    return { add: (key, t) => this.add(prefix + key, t), addRows: (key, rows) => this.addRows(prefix + key, rows) };
  }

  /** The single tensor to read back (a 1-element zero when nothing was added). */
  pack(): tf.Tensor1D {
    return this.parts.length ? (tf.concat(this.parts) as tf.Tensor1D) : tf.zeros([1]);
  }

  reader(values: Values): PackedValues {
    return new PackedValues(values, this.slots);
  }
}

type Values = Float32Array | Int32Array | Uint8Array;

export class PackedValues {
  constructor(
    private readonly values: Values,
    private readonly slots: ReadonlyMap<string, Slot>,
    private readonly prefix = '',
  ) {}

  /** The keys a `Packer.scope(prefix)` sink added, without the prefix. */
  scope(prefix: string): PackedValues {
    return new PackedValues(this.values, this.slots, this.prefix + prefix);
  }

  has(key: string): boolean {
    return this.slots.has(this.prefix + key);
  }

  scalar(key: string): number {
    const s = this.slot(key);
    return this.values[s.offset]!;
  }

  array(key: string): number[] {
    const s = this.slot(key);
    const packed = Array.from({ length: s.size }, (_, i) => this.values[s.offset + i]!);
    if (!s.order) return packed;
    // Packed row r holds item order[r]'s m values.
    const m = s.size / s.order.length;
    const out = new Array<number>(s.size);
    s.order.forEach((item, r) => {
      for (let j = 0; j < m; j++) out[item * m + j] = packed[r * m + j]!;
    });
    return out;
  }

  /** A part without copying (for long ones, e.g. values to count into a histogram); not for grouped rows. */
  view(key: string): ArrayLike<number> {
    const s = this.slot(key);
    if (s.order) throw new Error(`packer: ${key} holds grouped rows: use array() or rows()`);
    return this.values.subarray(s.offset, s.offset + s.size);
  }

  /** A [n, m] part as n rows of m numbers. */
  rows(key: string, n: number): number[][] {
    const flat = this.array(key);
    const m = n ? flat.length / n : 0;
    return Array.from({ length: n }, (_, r) => flat.slice(r * m, (r + 1) * m));
  }

  private slot(key: string) {
    const s = this.slots.get(this.prefix + key);
    if (!s) throw new Error(`packer: no key ${this.prefix + key}`);
    return s;
  }
}
