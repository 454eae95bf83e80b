/**
 * Weight initialisation: the standard deviation each scheme picks, and the
 * draw itself (in JS, from the seeded Rng; see rng.ts). Every scheme is
 * multiplied by a gain, so "gain = 1" is the textbook version and the
 * widgets can push it either way. Biases start at zero.
 */
import type { Rng } from './rng';

/**
 * normal: N(0, gain²), the naive "σ = 1" init, scaled by the gain;
 * xavier: Glorot normal, σ = gain·√(2 / (fanIn + fanOut));
 * he:     He normal,     σ = gain·√(2 / fanIn).
 */
export type InitName = 'normal' | 'xavier' | 'he';
export const INIT_NAMES: readonly InitName[] = ['normal', 'xavier', 'he'];

export interface InitScheme {
  readonly name: InitName;
  readonly gain: number;
}

export function initStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme.name) {
    case 'normal': return scheme.gain;
    case 'xavier': return scheme.gain * Math.sqrt(2 / (fanIn + fanOut));
    case 'he': return scheme.gain * Math.sqrt(2 / fanIn);
  }
}

/** A fanIn × fanOut weight matrix (row-major, as tf.matMul(x, W) expects). */
export function initWeights(rng: Rng, scheme: InitScheme, fanIn: number, fanOut: number): Float32Array {
  const std = initStd(scheme, fanIn, fanOut);
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
  return w;
}
