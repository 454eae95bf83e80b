/**
 * Mini-batches: each epoch a seeded permutation of the examples, cut into
 * batches of exactly `size` (the incomplete tail is dropped, so shapes, and
 * the probes sized by them, stay fixed). Two orders made with one seed give
 * the same batches. Rows are gathered in plain JS: uploading a fresh
 * [size, dim] array costs no kernel dispatch, a tf.gather would cost one per
 * tensor and step.
 */
import { exampleSize, type Dataset } from '../data';
import { createRng, type Rng } from '../rng';

export interface Batch {
  x: Float32Array;
  y: Float32Array;
}

export class BatchOrder {
  readonly perEpoch: number;
  private readonly rng: Rng;
  private readonly order: number[];
  private epoch = -1;

  constructor(
    private readonly data: Dataset,
    readonly size: number,
    seed: number,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > data.n) throw new Error(`batch size ${size} for ${data.n} examples`);
    this.perEpoch = Math.floor(data.n / size);
    this.rng = createRng(seed);
    this.order = Array.from({ length: data.n }, (_, i) => i);
  }

  /** Indices of the examples of batch `step` (counted over epochs); steps are asked for in order. */
  indices(step: number): number[] {
    const epoch = Math.floor(step / this.perEpoch);
    if (epoch < this.epoch) throw new Error(`batch ${step} asked after epoch ${this.epoch}`);
    for (; this.epoch < epoch; this.epoch++) {
      this.order.forEach((_, i) => (this.order[i] = i));
      this.rng.shuffle(this.order);
    }
    const start = (step % this.perEpoch) * this.size;
    return this.order.slice(start, start + this.size);
  }

  batch(step: number): Batch {
    const idx = this.indices(step);
    return { x: gatherRows(this.data.x, exampleSize(this.data), idx), y: gatherRows(this.data.y, this.data.outputDim, idx) };
  }
}

function gatherRows(src: Float32Array, dim: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => out.set(src.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}
