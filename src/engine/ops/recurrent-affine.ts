/**
 * A recurrent step's pre-activation p_t = xp_t + h_{t−1}·W_h as one
 * differentiable op (xp_t = x_t·W_x + b, computed for all t at once):
 *
 *   ∂xp_t = dp,   ∂h_{t−1} = dp·W_hᵀ,   ∂W_h = h_{t−1}ᵀ·dp.
 *
 * W_hᵀ is made once per pass by the caller (the same for every t): tfjs's
 * MatMul gradient would transpose W_h again at every step. h_{t−1} and W_hᵀ
 * are kept for the backward pass by `retain` (ops/retained.ts), or saved.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { product } from './matmul-grad';
import { forBackward } from './retained';

export function recurrentAffine(xp: tf.Tensor2D, h: tf.Tensor2D, wh: tf.Tensor2D, whT: tf.Tensor2D, retain?: Retain): tf.Tensor2D {
  const op = tf.customGrad((xp, h, wh, save) => {
    const get = forBackward([h as tf.Tensor, whT], save, retain);
    return {
      value: tf.add(xp as tf.Tensor, tf.matMul(h as tf.Tensor2D, wh as tf.Tensor2D)),
      gradFunc: (dp, saved) => {
        const g = dp as tf.Tensor2D;
        const [hs, wt] = get(saved);
        return [g, tf.matMul(g, wt as tf.Tensor2D), product(hs, g, true, false)];
      },
    };
  });
  return op(xp, h, wh) as tf.Tensor2D;
}
