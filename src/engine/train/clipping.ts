/**
 * Gradient transforms: the hook between "gradients computed" and "update
 * applied" (chapter 5, gradient clipping). Metrics always report the raw
 * gradients; the trainer also reports the global norm after the transforms.
 * Each transform runs inside the step's tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TransformSpec } from '../reproduce/spec';

export interface GradientContext {
  /** Parameter names, aligned with the gradient list. */
  readonly names: readonly string[];
  /**
   * The gradients are ∂(scale·L)/∂θ (the optimiser's loss scaling, see
   * optimizers.ts): thresholds in units of the gradient are multiplied by it.
   */
  readonly scale: number;
  /** ‖g‖ over all parameters of the gradients this transform receives (scaled as they are), made once per step by the trainer. */
  readonly globalNorm: tf.Scalar;
}

/** `spec` says what it does, for another framework (reproduce/); a transform without one cannot be reproduced. */
export type GradientTransform = ((grads: readonly tf.Tensor[], ctx: GradientContext) => tf.Tensor[]) & { readonly spec?: TransformSpec };

/** Each entry clipped to [−c, c]: changes the direction of the gradient. */
export function clipByValue(c: number): GradientTransform {
  const spec: TransformSpec = { type: 'clip-value', c };
  return Object.assign((grads: readonly tf.Tensor[], ctx: GradientContext) => grads.map((g) => tf.clipByValue(g, -c * ctx.scale, c * ctx.scale)), { spec });
}

/**
 * All gradients scaled by min(1, c/‖g‖): keeps the direction, caps the
 * length. ‖g‖ is ctx.globalNorm, the one the trainer computed from the
 * squared norms it packs anyway: no second pass over the gradients.
 */
export function clipByGlobalNorm(c: number): GradientTransform {
  const spec: TransformSpec = { type: 'clip-norm', c };
  return Object.assign((grads: readonly tf.Tensor[], ctx: GradientContext) => {
    const scale = tf.minimum(1, tf.div(c * ctx.scale, tf.maximum(ctx.globalNorm, 1e-30)));
    return grads.map((g) => tf.mul(g, scale));
  }, { spec });
}
