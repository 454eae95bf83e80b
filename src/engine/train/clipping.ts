/**
 * Gradient transforms: the hook between "gradients computed" and "update
 * applied" (chapter 5, gradient clipping). Metrics always report the raw
 * gradients; the trainer also reports the global norm after the transforms.
 * Each transform runs inside the step's tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface GradientContext {
  /** Parameter names, aligned with the gradient list. */
  readonly names: readonly string[];
  /** ‖g‖ over all parameters, before any transform. */
  readonly globalNorm: tf.Scalar;
}

export type GradientTransform = (grads: readonly tf.Tensor[], ctx: GradientContext) => tf.Tensor[];

/** Each entry clipped to [−c, c]: changes the direction of the gradient. */
export function clipByValue(c: number): GradientTransform {
  return (grads) => grads.map((g) => tf.clipByValue(g, -c, c));
}

/** All gradients scaled by min(1, c/‖g‖): keeps the direction, caps the length. */
export function clipByGlobalNorm(c: number): GradientTransform {
  return (grads) => {
    const norm = tf.norm(tf.concat(grads.map((g) => tf.reshape(g, [-1]))));
    const scale = tf.minimum(1, tf.div(c, tf.maximum(norm, 1e-30)));
    return grads.map((g) => tf.mul(g, scale));
  };
}
