/**
 * Activation functions as plain-JS scalars: f, f′ and the thresholds of
 * their flat regions. No tfjs here, so charts on the main thread can plot
 * f and f′ without loading it; activations.ts adds the tensor ops.
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

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'elu' | 'linear';
export const ACTIVATION_NAMES: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'linear'];

/** Flat when f′(z) < FLAT_FRACTION · max f′. */
export const FLAT_FRACTION = 0.01;
export const DEFAULT_LEAKY_SLOPE = 0.01;

/** Where f′ < 1 % of its peak, in terms of z; null when never. */
export type FlatRegion = { absAbove: number } | { below: number } | null;

export interface ScalarActivation {
  readonly name: ActivationName;
  /** f(x) in float64. */
  f(x: number): number;
  /** f′(x) in float64 (at kinks the value tfjs uses: f′(0) = 0 for relu). */
  df(x: number): number;
  /** max f′ over ℝ (1/4 for sigmoid). */
  readonly peakSlope: number;
  /** Whether flat entries count as "saturated" (see the module comment). */
  readonly saturates: boolean;
  readonly flatRegion: FlatRegion;
}

const sigmoidF = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

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

function symmetric(name: ActivationName, f: (x: number) => number, df: (x: number) => number, peakSlope: number): ScalarActivation {
  return { name, f, df, peakSlope, saturates: true, flatRegion: { absAbove: solveDecreasing(df, FLAT_FRACTION * peakSlope) } };
}

const SIGMOID = symmetric('sigmoid', sigmoidF, (x) => { const s = sigmoidF(x); return s * (1 - s); }, 0.25);
const TANH = symmetric('tanh', Math.tanh, (x) => { const t = Math.tanh(x); return 1 - t * t; }, 1);
const RELU: ScalarActivation = { name: 'relu', f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), peakSlope: 1, saturates: false, flatRegion: { below: 0 } };
/** α = 1, as tf.elu. */
const ELU: ScalarActivation = {
  name: 'elu', f: (x) => (x > 0 ? x : Math.expm1(x)), df: (x) => (x > 0 ? 1 : Math.exp(x)),
  peakSlope: 1, saturates: true, flatRegion: { below: Math.log(FLAT_FRACTION) },
};
const LINEAR: ScalarActivation = { name: 'linear', f: (x) => x, df: () => 1, peakSlope: 1, saturates: false, flatRegion: null };

/** Leaky ReLU with slope k for z < 0 (tf.leakyRelu's default is 0.2; ours 0.01, the common choice). */
function leaky(k: number): ScalarActivation {
  return {
    name: 'leaky-relu', f: (x) => (x > 0 ? x : k * x), df: (x) => (x > 0 ? 1 : k),
    peakSlope: Math.max(1, k), saturates: false, flatRegion: k < FLAT_FRACTION ? { below: 0 } : null,
  };
}

export function scalarActivation(name: ActivationName, opts: { slope?: number } = {}): ScalarActivation {
  switch (name) {
    case 'sigmoid': return SIGMOID;
    case 'tanh': return TANH;
    case 'relu': return RELU;
    case 'leaky-relu': return leaky(opts.slope ?? DEFAULT_LEAKY_SLOPE);
    case 'elu': return ELU;
    case 'linear': return LINEAR;
  }
}

/** Every activation by name (leaky ReLU at its default slope), for charts that plot f and f′. */
export const activationMath: Readonly<Record<ActivationName, ScalarActivation>> = {
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  'leaky-relu': leaky(DEFAULT_LEAKY_SLOPE),
  elu: ELU,
  linear: LINEAR,
};
