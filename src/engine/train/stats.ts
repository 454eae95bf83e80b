/** Tensor-side statistics of one layer; the caller packs the results. Call inside a tidy. */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../activations';

export interface HistogramSpec {
  lo: number;
  hi: number;
  bins: number;
}

/** Σ g²: a squared norm (sqrt taken in JS, and layer norms combined there, saving ops per step). */
export function squaredNorm(g: tf.Tensor): tf.Scalar {
  return tf.sum(tf.square(g));
}

/**
 * ‖g‖ without overflow: max|g| · ‖g / max|g|‖. Σ g² overflows float32 once
 * |g| > ~1.8e19, long before g itself is infinite; only used when the cheap
 * squared norm came back non-finite.
 */
export function robustNorm(g: tf.Tensor): tf.Scalar {
  const m = tf.max(tf.abs(g));
  const scaled = tf.div(g, tf.maximum(m, 1e-37));
  return tf.mul(m, tf.sqrt(tf.sum(tf.square(scaled))));
}

/** [mean(a), std(a), saturated share, dead share] as a 4-vector (see activations.ts for the definitions). */
export function activationStats(act: Activation, z: tf.Tensor, a: tf.Tensor): tf.Tensor1D {
  const { mean, variance } = tf.moments(a);
  const flat = act.flat(z);
  let saturated: tf.Tensor = tf.scalar(0);
  let dead: tf.Tensor = tf.scalar(0);
  if (flat) {
    const flatF = tf.cast(flat, 'float32');
    if (act.saturates) saturated = tf.mean(flatF);
    // A unit is dead when it is flat for every sample: min over the batch axis of the 0/1 mask.
    dead = tf.mean(tf.min(flatF, 0));
  }
  return tf.stack([mean, tf.sqrt(variance), saturated, dead]) as tf.Tensor1D;
}

/** [under, counts…, over] of z over fixed bins. */
export function histogram(z: tf.Tensor, spec: HistogramSpec): tf.Tensor1D {
  const width = (spec.hi - spec.lo) / spec.bins;
  // Bin index, shifted by one so that "under" is bin 0 and "over" is bin bins+1.
  const idx = tf.clipByValue(tf.add(tf.floor(tf.div(tf.sub(tf.reshape(z, [-1]), spec.lo), width)), 1), 0, spec.bins + 1);
  return tf.bincount(tf.cast(idx, 'int32') as tf.Tensor1D, tf.tensor1d([], 'float32'), spec.bins + 2);
}

/** 1 when every entry is finite, else 0; and 1 when some entry is NaN. */
export function finiteFlags(t: tf.Tensor): tf.Tensor1D {
  const allFinite = tf.cast(tf.all(tf.isFinite(t)), 'float32');
  const anyNaN = tf.cast(tf.any(tf.isNaN(t)), 'float32');
  return tf.stack([allFinite, anyNaN]) as tf.Tensor1D;
}
