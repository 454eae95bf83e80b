/**
 * Activation functions as plain-JS scalars: f, f′ and the thresholds of
 * their flat regions. No tfjs here, so charts on the main thread can plot
 * f and f′ without loading it; activations.ts adds the tensor ops.
 *
 * "Flat" and the saturation statistics. An entry z of a layer is *flat* when
 * f′(z) < 1 % of f's peak slope: so little gradient passes that the unit is,
 * for that sample, switched off. Thresholds follow from that one rule:
 *   sigmoid  |z| > 5.99  (σ′ < 0.0025),      tanh |z| > 2.99 (tanh′ < 0.01),
 *   elu (α)  z < ln(0.01/α), −4.61 at α = 1,          relu z ≤ 0,
 *   leaky-relu (slope k) z ≤ 0 only when k < 0.01, linear never,
 *   gelu     z < −3.02, silu z < −6.14 (|f′| on the far-left tail).
 * GELU's and SiLU's f′ dips below 0 and so crosses 0 (at −0.75, −1.28): there
 * |f′| is below 1 % too, in a band about 0.05 wide that a unit does not hold
 * for a whole batch; only the tail counts as flat.
 * Share *saturated* counts flat entries of the smooth activations that
 * flatten out (sigmoid, tanh, elu's left tail). ReLU's flat half is a hard
 * gate, not saturation, so it is not counted there (a freshly initialised
 * ReLU layer would otherwise read "50 % saturated"); what matters for ReLU is
 * the share *dead*: units flat for every sample of the batch. Dead is
 * defined the same way for every activation (a sigmoid unit saturated on the
 * whole batch is dead too).
 */

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'elu' | 'gelu' | 'silu' | 'linear';
export const ACTIVATION_NAMES: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'gelu', 'silu', 'linear'];

/** Flat when f′(z) < FLAT_FRACTION · max f′. */
export const FLAT_FRACTION = 0.01;
export const DEFAULT_LEAKY_SLOPE = 0.01;
export const DEFAULT_ELU_ALPHA = 1;

/** The shape parameters some activations take: leaky ReLU's negative slope k, ELU's α (the level of its left tail, −α). */
export interface ActivationShape {
  slope?: number;
  alpha?: number;
}

/** Where f′ < 1 % of its peak, in terms of z; null when never. */
export type FlatRegion = { absAbove: number } | { below: number } | null;

export interface ScalarActivation {
  readonly name: ActivationName;
  /** f(x) in float64. */
  f(x: number): number;
  /** f′(x) in float64 (at kinks the value tfjs uses: f′(0) = 0 for relu). */
  df(x: number): number;
  /** max f′ over ℝ (1/4 for sigmoid). Flat means |f′| below 1 % of it. */
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
/** f = α(eᶻ − 1) below 0 (tf.elu is α = 1); f′ = αeᶻ there, so the peak slope is max(1, α). */
function elu(alpha: number): ScalarActivation {
  const peakSlope = Math.max(1, alpha);
  return {
    name: 'elu', f: (x) => (x > 0 ? x : alpha * Math.expm1(x)), df: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
    peakSlope, saturates: true, flatRegion: { below: Math.log((FLAT_FRACTION * peakSlope) / alpha) },
  };
}
/**
 * erf in float64 to about 1e-15: its Maclaurin series below |x| = 3, the continued fraction of
 * erfc above (both converge fast there).
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let k = ax;
  for (let n = 60; n >= 1; n--) k = ax + n / 2 / k;
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * k));
}

const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

/** The largest f′ on [−8, 8] (GELU's and SiLU's peak a little above 1), by a fine grid then golden section. */
function peakOf(df: (x: number) => number): number {
  let best = 0;
  for (let x = -8; x <= 8; x += 0.01) if (df(x) > df(best)) best = x;
  let [lo, hi] = [best - 0.01, best + 0.01];
  for (let i = 0; i < 80; i++) {
    const a = lo + (hi - lo) * 0.382;
    const b = lo + (hi - lo) * 0.618;
    if (df(a) < df(b)) lo = a;
    else hi = b;
  }
  return df((lo + hi) / 2);
}

/** A smooth activation whose f′ dips below 0 on the left and fades to 0: flat on the far-left tail (see the module comment). */
function leftTail(name: ActivationName, f: (x: number) => number, df: (x: number) => number): ScalarActivation {
  const peakSlope = peakOf(df);
  const target = FLAT_FRACTION * peakSlope;
  // |f′| grows from 0 at −∞ to its first dip: bisect between −64 and the dip (where f″ changes sign)
  let dip = -0.5;
  while (df(dip - 0.01) < df(dip)) dip -= 0.01;
  let lo = -64;
  let hi = dip;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (Math.abs(df(mid)) < target) lo = mid;
    else hi = mid;
  }
  return { name, f, df, peakSlope, saturates: true, flatRegion: { below: (lo + hi) / 2 } };
}

/** GELU (Hendrycks and Gimpel): z·Φ(z), the exact form (not the tanh approximation). */
const GELU = leftTail('gelu', (x) => x * normalCdf(x), (x) => normalCdf(x) + x * normalPdf(x));
/** SiLU, or swish with β = 1: z·σ(z). */
const SILU = leftTail('silu', (x) => x * sigmoidF(x), (x) => { const s = sigmoidF(x); return s * (1 + x * (1 - s)); });

const LINEAR: ScalarActivation = { name: 'linear', f: (x) => x, df: () => 1, peakSlope: 1, saturates: false, flatRegion: null };

/** Leaky ReLU with slope k for z < 0 (tf.leakyRelu's default is 0.2; ours 0.01, the common choice). */
function leaky(k: number): ScalarActivation {
  return {
    name: 'leaky-relu', f: (x) => (x > 0 ? x : k * x), df: (x) => (x > 0 ? 1 : k),
    peakSlope: Math.max(1, k), saturates: false, flatRegion: k < FLAT_FRACTION ? { below: 0 } : null,
  };
}

export function scalarActivation(name: ActivationName, shape: ActivationShape = {}): ScalarActivation {
  switch (name) {
    case 'sigmoid': return SIGMOID;
    case 'tanh': return TANH;
    case 'relu': return RELU;
    case 'leaky-relu': return leaky(shape.slope ?? DEFAULT_LEAKY_SLOPE);
    case 'elu': return elu(shape.alpha ?? DEFAULT_ELU_ALPHA);
    case 'gelu': return GELU;
    case 'silu': return SILU;
    case 'linear': return LINEAR;
  }
}

/** Every activation by name (leaky ReLU and ELU at their default shapes), for charts that plot f and f′. */
export const activationMath: Readonly<Record<ActivationName, ScalarActivation>> = {
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  'leaky-relu': leaky(DEFAULT_LEAKY_SLOPE),
  elu: elu(DEFAULT_ELU_ALPHA),
  gelu: GELU,
  silu: SILU,
  linear: LINEAR,
};
