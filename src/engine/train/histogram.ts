/**
 * Histograms of a layer's pre-activations, counted in JS from values the
 * step reads back anyway (they ride in its single packed readback).
 *
 * Why not a tensor op: tf.bincount / tf.denseBincount run on the CPU on
 * webgl (a synchronous download per call) and walk a TensorBuffer on the
 * cpu backend (~10 ms for ten 256×32 layers); on wasm the cast to int32 alone
 * costs more than this loop. Counting 8 192 values here takes ~25 µs.
 *
 * The bin of z is computed with float32 rounding at each step, exactly as
 * the tensor formula floor((z − lo) / w) + 1 would on any backend, so the
 * counts are the ones a tensor implementation would give.
 */
import type { Histogram } from '../frame';

export interface HistogramSpec {
  lo: number;
  hi: number;
  bins: number;
}

/** Counts of `values` over the bins of `spec`; entries below lo (and NaN, as an int32 cast would have it) are `under`. */
export function histogramOf(values: ArrayLike<number>, spec: HistogramSpec): Histogram {
  const f = Math.fround;
  const lo = f(spec.lo);
  const width = f((spec.hi - spec.lo) / spec.bins);
  const { bins } = spec;
  const slots = new Int32Array(bins + 2); // [under, bins…, over]
  for (let i = 0; i < values.length; i++) {
    const q = f(f(values[i]! - lo) / width); // bin = floor(q)
    if (q >= bins) slots[bins + 1]!++;
    else if (q >= 0) slots[(q | 0) + 1]!++; // floor of a non-negative q below bins
    else slots[0]!++; // q < 0, and NaN
  }
  return { lo: spec.lo, hi: spec.hi, counts: Array.from(slots.subarray(1, bins + 1)), under: slots[0]!, over: slots[bins + 1]! };
}
