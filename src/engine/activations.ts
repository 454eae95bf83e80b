/**
 * Activation functions, each twice: a tfjs op (whose gradient tfjs-core
 * defines, so backprop is tfjs's own) and plain-JS scalar f / f′ for charts.
 *
 * "Flat" and the saturation statistics. An entry z of a layer is *flat* when
 * f′(z) < 1 % of f's peak slope: so little gradient passes that the unit is,
 * for that sample, switched off. Thresholds follow from that one rule:
 *   sigmoid  |z| > 5.99  (σ′ < 0.0025),      tanh |z| > 2.99 (tanh′ < 0.01),
 *   elu      z < ln 0.01 = −4.61,            relu z ≤ 0,
 *   leaky-relu (slope k) z ≤ 0 only when k < 0.01, linear never.
 * Share *saturated* counts flat entries of the smooth activations that
 * flatten out (sigmoid, tanh, elu's left tail). ReLU's flat half is a hard
 * gate, not saturation, so it is not counted there (a freshly initialised
 * ReLU layer would otherwise read "50 % saturated"); what matters for ReLU is
 * the share *dead*: units flat for every sample of the batch. Dead is
 * defined the same way for every activation (a sigmoid unit saturated on the
 * whole batch is dead too).
 */
import * as tf from '@tensorflow/tfjs-core';

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'elu' | 'linear';
export const ACTIVATION_NAMES: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'linear'];

/** Flat when f′(z) < FLAT_FRACTION · max f′. */
export const FLAT_FRACTION = 0.01;
export const DEFAULT_LEAKY_SLOPE = 0.01;

export interface Activation {
  readonly name: ActivationName;
  /** The tfjs op, differentiable by tfjs. */
  apply(z: tf.Tensor): tf.Tensor;
  /** Scalar f(x) in float64, for charts and reference checks. */
  f(x: number): number;
  /** Scalar f′(x) in float64 (the one-sided value at kinks: f′(0) = 0 for relu, like tfjs). */
  df(x: number): number;
  /** max f′ over ℝ (1/4 for sigmoid). */
  readonly peakSlope: number;
  /** Whether flat entries count as "saturated" (see the module comment). */
  readonly saturates: boolean;
  /** Boolean mask of flat entries, or null when f′ never drops that low. */
  flat(z: tf.Tensor): tf.Tensor | null;
  /** The flat region in words of z, for captions: e.g. { below: -4.61 } or { absAbove: 5.99 }. */
  readonly flatRegion: { absAbove: number } | { below: number } | null;
}

const sigmoidJs = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Solves f′(t) = target for t ≥ 0 on a decreasing f′, by bisection (runs once at load). */
function solveDecreasing(df: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 64;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (df(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function smooth(name: ActivationName, apply: (z: tf.Tensor) => tf.Tensor, f: (x: number) => number, df: (x: number) => number, peakSlope: number): Activation {
  const t = solveDecreasing(df, FLAT_FRACTION * peakSlope);
  return {
    name, apply, f, df, peakSlope, saturates: true,
    flat: (z) => tf.greater(tf.abs(z), t),
    flatRegion: { absAbove: t },
  };
}

export const sigmoid: Activation = smooth(
  'sigmoid', (z) => tf.sigmoid(z), sigmoidJs,
  (x) => { const s = sigmoidJs(x); return s * (1 - s); }, 0.25);

export const tanh: Activation = smooth(
  'tanh', (z) => tf.tanh(z), Math.tanh,
  (x) => { const t = Math.tanh(x); return 1 - t * t; }, 1);

export const relu: Activation = {
  name: 'relu',
  apply: (z) => tf.relu(z),
  f: (x) => Math.max(0, x),
  df: (x) => (x > 0 ? 1 : 0),
  peakSlope: 1,
  saturates: false,
  flat: (z) => tf.lessEqual(z, 0),
  flatRegion: { below: 0 },
};

const ELU_FLAT = Math.log(FLAT_FRACTION);
export const elu: Activation = {
  name: 'elu',
  apply: (z) => tf.elu(z), // α = 1, as tf.elu
  f: (x) => (x > 0 ? x : Math.expm1(x)),
  df: (x) => (x > 0 ? 1 : Math.exp(x)),
  peakSlope: 1,
  saturates: true,
  flat: (z) => tf.less(z, ELU_FLAT),
  flatRegion: { below: ELU_FLAT },
};

export const linear: Activation = {
  name: 'linear',
  apply: (z) => z,
  f: (x) => x,
  df: () => 1,
  peakSlope: 1,
  saturates: false,
  flat: () => null,
  flatRegion: null,
};

/** Leaky ReLU with slope k on the negative side (tf.leakyRelu's default is 0.2; ours 0.01, the common choice). */
export function leakyRelu(k = DEFAULT_LEAKY_SLOPE): Activation {
  const flatLeft = k < FLAT_FRACTION;
  return {
    name: 'leaky-relu',
    apply: (z) => tf.leakyRelu(z, k),
    f: (x) => (x > 0 ? x : k * x),
    df: (x) => (x > 0 ? 1 : k),
    peakSlope: Math.max(1, k),
    saturates: false,
    flat: (z) => (flatLeft ? tf.lessEqual(z, 0) : null),
    flatRegion: flatLeft ? { below: 0 } : null,
  };
}

export function getActivation(name: ActivationName, opts: { slope?: number } = {}): Activation {
  switch (name) {
    case 'sigmoid': return sigmoid;
    case 'tanh': return tanh;
    case 'relu': return relu;
    case 'leaky-relu': return leakyRelu(opts.slope);
    case 'elu': return elu;
    case 'linear': return linear;
  }
}
