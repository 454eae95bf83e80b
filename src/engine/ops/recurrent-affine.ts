/**
 * The recurrent products of one pass over a sequence: each step's pre-activation
 * p_t = xp_t + h_{t−1}·W_h, and W_h's gradient Σ_t h_{t−1}ᵀ·dp_t as ONE product over all
 * steps instead of one per step (with a transpose and an add each: ~150 kernels a training
 * step at T = 50, and XNNPACK re-packing every dp_t).
 *
 * How: the per-step op differentiates with respect to xp_t and h_{t−1} only
 * (∂xp_t = dp, ∂h_{t−1} = dp·W_hᵀ, W_hᵀ made once) and records (h_{t−1}, dp_t). W_h enters
 * the tape through `project`, the reshape of the whole input projection into steps, made
 * before any step: tfjs runs backward passes in reverse order, so its gradient runs after
 * every step's and finds them all recorded. h_{t−1} and W_hᵀ are kept for the backward pass
 * by `retain` (ForwardContext.retain, ops/retained.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { product } from './matmul-grad';

export interface RecurrentProducts {
  /** xp [T·n, k] (x_t·W_x + b for every t, time-major) as [T, n, k], carrying W_h's gradient. */
  project(xp: tf.Tensor2D, steps: number): tf.Tensor3D;
  /** p_t = xp_t + h·W_h. */
  step(xp: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D;
}

export function recurrentProducts(wh: tf.Tensor2D, retain: Retain): RecurrentProducts {
  const recorded: { h: tf.Tensor2D; dp: tf.Tensor2D }[] = [];
  const whT = retain(tf.transpose(wh));
  const record = (h: tf.Tensor2D, dp: tf.Tensor2D) => void recorded.push({ h, dp });
  return {
    project(xp, steps) {
      const [rows, k] = xp.shape;
      const op = tf.customGrad((xp, w) => ({
        value: tf.reshape(xp as tf.Tensor, [steps, rows / steps, k]),
        gradFunc: (dy) => {
          const dw = recorded.length
            ? product(tf.concat(recorded.map((r) => r.h)), tf.concat(recorded.map((r) => r.dp)), true, false)
            : tf.zerosLike(w as tf.Tensor);
          recorded.length = 0;
          return [tf.reshape(dy as tf.Tensor, [rows, k]), dw];
        },
      }));
      return op(xp, wh) as tf.Tensor3D;
    },
    step(xp, h) {
      retain(h);
      const op = tf.customGrad((xp, h) => ({
        value: tf.add(xp as tf.Tensor, tf.matMul(h as tf.Tensor2D, wh)),
        gradFunc: (dp) => {
          const g = dp as tf.Tensor2D;
          record(h as tf.Tensor2D, g);
          return [g, tf.matMul(g, whT)];
        },
      }));
      return op(xp, h) as tf.Tensor2D;
    },
  };
}
