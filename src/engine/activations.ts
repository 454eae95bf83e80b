/**
 * Activation functions as tfjs ops: each scalar activation of
 * activation-math.ts plus its tensor op (differentiable, with tfjs's own
 * gradient formulas) and the mask of its flat region.
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients'; // so `apply` is differentiable wherever an Activation is used
import type { Retain } from './models/types';
import { forBackward } from './ops/retained';
import { DEFAULT_ELU_ALPHA, DEFAULT_LEAKY_SLOPE, scalarActivation, type ActivationName, type ActivationShape, type ScalarActivation } from './activation-math';

export { ACTIVATION_NAMES, DEFAULT_ELU_ALPHA, DEFAULT_LEAKY_SLOPE, FLAT_FRACTION, scalarActivation } from './activation-math';
export type { ActivationName, ActivationShape, FlatRegion, ScalarActivation } from './activation-math';

export interface Activation extends ScalarActivation {
  /** The tfjs op, differentiable; in a training step pass ForwardContext.retain (see ops/retained.ts). */
  apply(z: tf.Tensor, retain?: Retain): tf.Tensor;
  /** Boolean mask of flat entries (f′(z) < 1 % of peak), or null when f′ never drops that low. */
  flat(z: tf.Tensor): tf.Tensor | null;
}

/**
 * a = f(z) with the gradient dy·f′ computed by tfjs's own formulas
 * (Sigmoid_grad, Tanh_grad, Relu_grad, LeakyRelu_grad, Elu_grad: the same
 * numbers) from z or a, which `retain` keeps (ops/retained.ts) instead of the
 * tape saving a copy: one Identity kernel less per layer and step, and relu
 * loses the Cast its tfjs gradient adds. `reads` says which one `grad` gets.
 */
function customOp(f: (z: tf.Tensor) => tf.Tensor, reads: 'z' | 'a', grad: (dy: tf.Tensor, t: tf.Tensor) => tf.Tensor): Activation['apply'] {
  return (z, retain) =>
    tf.customGrad((z, save) => {
      const a = f(z as tf.Tensor);
      const get = forBackward([reads === 'z' ? (z as tf.Tensor) : a], save, retain);
      return {
        value: a,
        gradFunc: (dy, saved) => grad(dy as tf.Tensor, get(saved)[0]),
      };
    })(z);
}

function op(name: ActivationName, slope: number, alpha: number): Activation['apply'] {
  switch (name) {
    case 'sigmoid': return customOp(tf.sigmoid, 'a', (dy, a) => tf.mul(dy, tf.mul(a, tf.sub(1, a))));
    case 'tanh': return customOp(tf.tanh, 'a', (dy, a) => tf.mul(tf.sub(1, tf.square(a)), dy));
    // step(z, k) = z > 0 ? 1 : k, the mask of tfjs's relu (k = 0) and leaky relu gradients, in one kernel.
    case 'relu': return customOp(tf.relu, 'z', (dy, z) => tf.mul(dy, tf.step(z)));
    case 'leaky-relu': return customOp((z) => tf.leakyRelu(z, slope), 'z', (dy, z) => tf.mul(dy, tf.step(z, slope)));
    case 'elu': return alpha === 1
      ? customOp(tf.elu, 'a', (dy, a) => tf.engine().runKernel(tf.EluGrad, { dy, y: a }) as tf.Tensor)
      // α ≠ 1 has no tfjs kernel: f′ = f + α below 0, from a (as EluGrad does for α = 1)
      : customOp(
        (z) => tf.where(tf.greater(z, 0), z, tf.mul(alpha, tf.sub(tf.exp(tf.minimum(z, 0)), 1))),
        'a',
        (dy, a) => tf.mul(dy, tf.where(tf.less(a, 0), tf.add(a, alpha), tf.onesLike(a))),
      );
    // f′ = Φ(z) + z·φ(z), from z: no Erf gradient to register
    case 'gelu': return customOp(
      (z) => tf.mul(z, normalCdf(z)),
      'z',
      (dy, z) => tf.mul(dy, tf.add(normalCdf(z), tf.mul(z, tf.mul(tf.exp(tf.mul(tf.square(z), -0.5)), 1 / Math.sqrt(2 * Math.PI))))),
    );
    // f′ = σ(z)·(1 + z·(1 − σ(z)))
    case 'silu': return customOp(
      (z) => tf.mul(z, tf.sigmoid(z)),
      'z',
      (dy, z) => {
        const s = tf.sigmoid(z);
        return tf.mul(dy, tf.mul(s, tf.add(1, tf.mul(z, tf.sub(1, s)))));
      },
    );
    case 'linear': return (z) => z;
  }
}

/** Φ(z) as tfjs ops. */
const normalCdf = (z: tf.Tensor) => tf.mul(0.5, tf.add(1, tf.erf(tf.mul(z, Math.SQRT1_2))));

function flatMask(s: ScalarActivation): (z: tf.Tensor) => tf.Tensor | null {
  const region = s.flatRegion;
  if (!region) return () => null;
  if ('absAbove' in region) return (z) => tf.greater(tf.abs(z), region.absAbove);
  // relu's kink belongs to the flat side (f′(0) = 0, as tfjs has it).
  return region.below === 0 ? (z) => tf.lessEqual(z, 0) : (z) => tf.less(z, region.below);
}

export function getActivation(name: ActivationName, shape: ActivationShape = {}): Activation {
  const s = scalarActivation(name, shape);
  return { ...s, apply: op(name, shape.slope ?? DEFAULT_LEAKY_SLOPE, shape.alpha ?? DEFAULT_ELU_ALPHA), flat: flatMask(s) };
}

export const leakyRelu = (k?: number): Activation => getActivation('leaky-relu', { slope: k });
