/**
 * Tensor-side statistics; the caller packs the results. Call inside a tidy.
 *
 * The plural functions take all layers (or all gradients) at once and cost a
 * fixed handful of ops per distinct shape rather than per tensor (see
 * batched.ts); each returns one row per input, in input order.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../activations';
import { groupBy, groupedRows, joinRows, perRow, perTensor, perTensorRows, rows, shapeKey, stackGroup, stackRows, type GroupedRows } from './batched';

export type { HistogramSpec } from './histogram';

/** Σ g² of each tensor (sqrt taken in JS, and layer norms combined there), one row each, grouped. */
export function squaredNormRows(ts: readonly tf.Tensor[]): GroupedRows {
  return perTensorRows(ts, (s) => tf.sum(tf.square(rows(s)), 1));
}

/** [N]: `squaredNormRows` in the order of `ts`. */
export function squaredNorms(ts: readonly tf.Tensor[]): tf.Tensor1D {
  return joinRows(squaredNormRows(ts)) as tf.Tensor1D;
}

/**
 * ‖g‖ without overflow: max|g| · ‖g / max|g|‖. Σ g² overflows float32 once
 * |g| > ~1.8e19, long before g itself is infinite; only used when the cheap
 * squared norm came back non-finite.
 */
export function robustNorm(g: tf.Tensor): tf.Scalar {
  return tf.reshape(robustNorms([g]), []) as tf.Scalar;
}

/** [N]: `robustNorm` of each tensor. */
export function robustNorms(ts: readonly tf.Tensor[]): tf.Tensor1D {
  return perTensor(ts, (s) => {
    const r = rows(s);
    const m = tf.max(tf.abs(r), 1);
    const scaled = tf.div(r, perRow(tf.expandDims(tf.maximum(m, 1e-37), 1), r.shape[1]));
    return tf.mul(m, tf.sqrt(tf.sum(tf.square(scaled), 1)));
  }) as tf.Tensor1D;
}

/** One layer's recorded pre-activation z and activation a = f(z), [batch, …units]. */
export interface LayerTensors {
  act: Activation;
  z: tf.Tensor;
  a: tf.Tensor;
}

/**
 * [L, 4]: per layer [mean(a), std(a), saturated share, dead share] (see
 * activations.ts for the definitions). Layers of one shape and one flat
 * region are computed together, as rows of [k, batch·units]: the same
 * reductions tf.moments and tf.mean make per layer (so the same values,
 * overflow behaviour of each backend's Mean included), in a fixed handful
 * of ops. std is the two-pass, centred one: E[a²] − E[a]² would cancel for
 * sigmoid layers, whose a ≈ 0.5 ± small; and it is scaled like robustNorm,
 * so tiny activations do not underflow to a std of 0.
 *
 * The flat masks come from `fastFlat` unless `exact`: the same values
 * wherever z is not NaN. A NaN in z makes that layer's shares NaN here
 * (act.flat counts NaN entries as not flat); a non-finite metric sends the
 * step through the trainer's diagnosis, which recomputes such layers with
 * `exact`. So the shares reported are always act.flat's.
 */
export function activationStats(layers: readonly LayerTensors[], opts: { exact?: boolean } = {}): tf.Tensor2D {
  return joinRows(activationStatRows(layers, opts)) as tf.Tensor2D;
}

/** `activationStats` as one [4]-row per layer, grouped (see batched.GroupedRows). */
export function activationStatRows(layers: readonly LayerTensors[], opts: { exact?: boolean } = {}): GroupedRows {
  const groups = groupBy(layers, (l) => `${shapeKey(l.z)}|${l.act.saturates}|${JSON.stringify(l.act.flatRegion)}`);
  const results = groups.map(({ items }) => {
    const k = items.length;
    const a = stackRows(items.map((l) => l.a));
    const size = a.shape[1];
    const mean = tf.mean(a, 1, true); // [k, 1]
    // scaled by the largest deviation first: activations of 1e-23 (a net started at N(0, 0.01²)) have squares below float32's range
    const dev = tf.sub(a, perRow(mean, size));
    const m = tf.max(tf.abs(dev), 1);
    const std = tf.mul(m, tf.sqrt(tf.mean(tf.square(tf.div(dev, perRow(tf.expandDims(tf.maximum(m, 1e-37), 1), size))), 1)));
    const stats = [tf.reshape(mean, [k]), std];
    const act = items[0]!.act;
    const z = stackGroup(items.map((l) => l.z));
    const flat = opts.exact ? act.flat(z) : fastFlat(act, z);
    if (!flat) return tf.stack([...stats, tf.zeros([k]), tf.zeros([k])], 1);
    const flatF = tf.cast(flat, 'float32');
    const saturated = act.saturates ? tf.mean(rows(flatF), 1) : tf.zeros([k]);
    // A unit is dead when it is flat for every sample: its column of the 0/1 mask sums to the batch size.
    const batch = z.shape[1]!;
    const units = size / batch;
    const flatPerUnit = tf.reshape(columnSums(tf.reshape(flatF, [k, batch, units])), [k, units]); // exact integers
    const dead = tf.mean(tf.step(tf.sub(flatPerUnit, batch - 0.5)), 1);
    return tf.stack([...stats, saturated, dead], 1);
  });
  return groupedRows(groups, results);
}

/**
 * act.flat(z) as a 0/1 float mask built with tf.step (x > 0 ? 1 : 0) on a
 * difference instead of a comparison: the same test in float32 (with IEEE
 * gradual underflow, a − b > 0 ⇔ a > b), but on wasm 3–4× cheaper than
 * greater + cast, whose boolean path is slow (~0.3 ms for ten 256×32
 * layers). Differs from act.flat only where z is NaN: NaN, not 0.
 */
function fastFlat(act: Activation, z: tf.Tensor): tf.Tensor | null {
  const region = act.flatRegion;
  if (!region) return null;
  if ('absAbove' in region) return tf.step(tf.sub(tf.abs(z), region.absAbove)); // |z| > t
  if (region.below === 0) return tf.sub(1, tf.step(z)); // z ≤ 0 (relu's kink is flat, as in act.flat)
  return tf.step(tf.sub(region.below, z)); // z < c
}

/**
 * Σ over axis 1 of [k, n, u] → [k, 1, u], as a batched matMul with a row
 * of ones (exact for the 0/1 masks summed here): reducing an axis that is
 * not the last makes the wasm and cpu backends transpose first, ~1.5×
 * (wasm) and ~8× (cpu) the time of this matMul for ten 256×32 layers.
 */
function columnSums(x: tf.Tensor3D): tf.Tensor3D {
  const [k, n] = x.shape;
  return tf.matMul(tf.ones([k, 1, n]), x);
}

/** [N, 2]: per tensor, 1 when every entry is finite, else 0; and 1 when some entry is NaN. */
export function finiteFlags(ts: readonly tf.Tensor[]): tf.Tensor2D {
  return perTensor(ts, (s) => {
    const r = rows(s);
    const allFinite = tf.cast(tf.all(tf.isFinite(r), 1), 'float32');
    const anyNaN = tf.cast(tf.any(tf.isNaN(r), 1), 'float32');
    return tf.stack([allFinite, anyNaN], 1);
  }) as tf.Tensor2D;
}
