/**
 * All the numbers of one step go into ONE tensor, read back with ONE
 * `await data()`: each readback is a GPU→CPU sync (and dataSync would block
 * the worker on webgpu). Parts are registered by key and sliced back out.
 */
import * as tf from '@tensorflow/tfjs-core';

export class Packer {
  private readonly parts: tf.Tensor[] = [];
  private readonly slots = new Map<string, { offset: number; size: number }>();
  private size = 0;

  /** Any shape or dtype; stored flat as float32. Call inside the step's tidy. */
  add(key: string, t: tf.Tensor): void {
    if (this.slots.has(key)) throw new Error(`packer: duplicate key ${key}`);
    const f = t.dtype === 'float32' ? t : tf.cast(t, 'float32');
    const flat = f.rank === 1 ? f : tf.reshape(f, [-1]); // a Reshape dispatch only where it changes the shape
    this.slots.set(key, { offset: this.size, size: flat.size });
    this.size += flat.size;
    this.parts.push(flat);
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
    private readonly slots: ReadonlyMap<string, { offset: number; size: number }>,
  ) {}

  has(key: string): boolean {
    return this.slots.has(key);
  }

  scalar(key: string): number {
    const s = this.slot(key);
    return this.values[s.offset]!;
  }

  array(key: string): number[] {
    const s = this.slot(key);
    return Array.from({ length: s.size }, (_, i) => this.values[s.offset + i]!);
  }

  /** A part without copying (for long ones, e.g. values to count into a histogram). */
  view(key: string): ArrayLike<number> {
    const s = this.slot(key);
    return this.values.subarray(s.offset, s.offset + s.size);
  }

  /** A [n, m] part as n rows of m numbers. */
  rows(key: string, n: number): number[][] {
    const flat = this.array(key);
    const m = n ? flat.length / n : 0;
    return Array.from({ length: n }, (_, r) => flat.slice(r * m, (r + 1) * m));
  }

  private slot(key: string) {
    const s = this.slots.get(key);
    if (!s) throw new Error(`packer: no key ${key}`);
    return s;
  }
}
