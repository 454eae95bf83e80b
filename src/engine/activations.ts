/**
 * Activation functions as tfjs ops: each scalar activation of
 * activation-math.ts plus its tensor op (one whose gradient tfjs-core
 * defines, so backprop is tfjs's own) and the mask of its flat region.
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients'; // so `apply` is differentiable wherever an Activation is used
import { DEFAULT_LEAKY_SLOPE, scalarActivation, type ActivationName, type ScalarActivation } from './activation-math';

export { ACTIVATION_NAMES, DEFAULT_LEAKY_SLOPE, FLAT_FRACTION, scalarActivation } from './activation-math';
export type { ActivationName, FlatRegion, ScalarActivation } from './activation-math';

export interface Activation extends ScalarActivation {
  /** The tfjs op, differentiable by tfjs. */
  apply(z: tf.Tensor): tf.Tensor;
  /** Boolean mask of flat entries (f′(z) < 1 % of peak), or null when f′ never drops that low. */
  flat(z: tf.Tensor): tf.Tensor | null;
}

function op(name: ActivationName, slope: number): (z: tf.Tensor) => tf.Tensor {
  switch (name) {
    case 'sigmoid': return (z) => tf.sigmoid(z);
    case 'tanh': return (z) => tf.tanh(z);
    case 'relu': return (z) => tf.relu(z);
    case 'leaky-relu': return (z) => tf.leakyRelu(z, slope);
    case 'elu': return (z) => tf.elu(z);
    case 'linear': return (z) => z;
  }
}

function flatMask(s: ScalarActivation): (z: tf.Tensor) => tf.Tensor | null {
  const region = s.flatRegion;
  if (!region) return () => null;
  if ('absAbove' in region) return (z) => tf.greater(tf.abs(z), region.absAbove);
  // relu's kink belongs to the flat side (f′(0) = 0, as tfjs has it).
  return region.below === 0 ? (z) => tf.lessEqual(z, 0) : (z) => tf.less(z, region.below);
}

export function getActivation(name: ActivationName, opts: { slope?: number } = {}): Activation {
  const s = scalarActivation(name, opts);
  return { ...s, apply: op(name, opts.slope ?? DEFAULT_LEAKY_SLOPE), flat: flatMask(s) };
}

export const leakyRelu = (k?: number): Activation => getActivation('leaky-relu', { slope: k });
