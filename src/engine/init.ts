/**
 * Weight initialisation: the standard deviation each scheme picks, and the
 * draw itself (in JS, from the seeded Rng; see rng.ts). Every scheme is
 * multiplied by a gain, so "gain = 1" is the textbook version and the
 * widgets can push it either way. Biases start at zero.
 *
 * Every scheme turns the same standard-normal draws z into weights, so two
 * runs of a session that differ only in their scheme start from matching
 * matrices: a normal scheme scales z, a uniform one maps it through the normal
 * CDF to U(−a, a) (same rank), an orthogonal one orthonormalises the matrix of
 * z (QR, as torch.nn.init.orthogonal_ does).
 */
import type { Rng } from './rng';

/**
 * normal:         N(0, gain²), the naive "σ = 1" init;
 * small:          N(0, (0.01·gain)²), the other naive choice;
 * xavier:         Glorot normal,  σ = gain·√(2 / (fanIn + fanOut));
 * xavier-uniform: Glorot uniform, U(−a, a), a = gain·√(6 / (fanIn + fanOut)), the same σ;
 * he:             He normal,      σ = gain·√(2 / fanIn);
 * he-uniform:     He uniform,     U(−a, a), a = gain·√(6 / fanIn), the same σ;
 * torch-default:  PyTorch's nn.Linear, kaiming_uniform_(a = √5): U(−a, a), a = gain / √fanIn, σ = a/√3;
 * orthogonal:     gain·Q, Q with orthonormal columns (fanIn ≥ fanOut) or rows.
 */
export type InitName = 'normal' | 'small' | 'xavier' | 'xavier-uniform' | 'he' | 'he-uniform' | 'torch-default' | 'orthogonal';
export const INIT_NAMES: readonly InitName[] = ['normal', 'small', 'xavier', 'xavier-uniform', 'he', 'he-uniform', 'torch-default', 'orthogonal'];

export interface InitScheme {
  readonly name: InitName;
  readonly gain: number;
}

type Distribution = 'normal' | 'uniform' | 'orthogonal';

const DISTRIBUTION: Record<InitName, Distribution> = {
  normal: 'normal',
  small: 'normal',
  xavier: 'normal',
  'xavier-uniform': 'uniform',
  he: 'normal',
  'he-uniform': 'uniform',
  'torch-default': 'uniform',
  orthogonal: 'orthogonal',
};

/** The standard deviation of one weight (for orthogonal: of an entry of gain·Q, which is gain/√max(fanIn, fanOut)). */
export function initStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme.name) {
    case 'normal': return scheme.gain;
    case 'small': return 0.01 * scheme.gain;
    case 'xavier':
    case 'xavier-uniform': return scheme.gain * Math.sqrt(2 / (fanIn + fanOut));
    case 'he':
    case 'he-uniform': return scheme.gain * Math.sqrt(2 / fanIn);
    case 'torch-default': return scheme.gain / Math.sqrt(3 * fanIn);
    case 'orthogonal': return scheme.gain / Math.sqrt(Math.max(fanIn, fanOut));
  }
}

/** The standard normal CDF Φ, by erf (Abramowitz and Stegun 7.1.26, |error| < 1.5e-7: below float32's resolution of U(−a, a)). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * Orthonormalises the fanIn × fanOut matrix `z` (row-major) in float64: modified Gram–Schmidt on
 * its columns when fanIn ≥ fanOut, else on its rows. That is the Q of the QR factorisation whose R
 * has a positive diagonal (what orthogonal_'s sign correction picks), Haar-distributed.
 */
function orthonormal(z: Float64Array, fanIn: number, fanOut: number): Float64Array {
  const byColumns = fanIn >= fanOut;
  const count = byColumns ? fanOut : fanIn;
  const len = byColumns ? fanIn : fanOut;
  const at = (v: number, i: number) => (byColumns ? i * fanOut + v : v * fanOut + i);
  const q = Float64Array.from(z);
  for (let v = 0; v < count; v++) {
    for (let u = 0; u < v; u++) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += q[at(u, i)]! * q[at(v, i)]!;
      for (let i = 0; i < len; i++) q[at(v, i)]! -= dot * q[at(u, i)]!;
    }
    let norm = 0;
    for (let i = 0; i < len; i++) norm += q[at(v, i)]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < len; i++) q[at(v, i)]! /= norm;
  }
  return q;
}

/** A fanIn × fanOut weight matrix (row-major, as tf.matMul(x, W) expects). */
export function initWeights(rng: Rng, scheme: InitScheme, fanIn: number, fanOut: number): Float32Array {
  const std = initStd(scheme, fanIn, fanOut);
  const w = new Float32Array(fanIn * fanOut);
  switch (DISTRIBUTION[scheme.name]) {
    case 'normal':
      for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
      break;
    case 'uniform': {
      // U(−a, a) has σ = a/√3
      const a = std * Math.sqrt(3);
      for (let i = 0; i < w.length; i++) w[i] = a * (2 * normalCdf(rng.normal()) - 1);
      break;
    }
    case 'orthogonal': {
      const z = new Float64Array(fanIn * fanOut);
      for (let i = 0; i < z.length; i++) z[i] = rng.normal();
      const q = orthonormal(z, fanIn, fanOut);
      for (let i = 0; i < w.length; i++) w[i] = scheme.gain * q[i]!;
      break;
    }
  }
  return w;
}
