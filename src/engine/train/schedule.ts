/**
 * A learning-rate warm-up: plain SGD whose step size rises linearly from
 * peak/warmup (the first update) to `peak` (update `warmup` − 1 and after).
 * Warm-up is how large models start training; a peak above what the network
 * tolerates lets it train normally for a while and then blow up as the step
 * size crosses the edge, which is what the exploding-gradients and clipping
 * widgets show. Not folded into the loss scale (that stays fixed per
 * trainer), so the gradients arrive unscaled: one multiply per parameter.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizers';

export interface ScheduledOptimizer extends Optimizer {
  /** The step size of update `step` (0-based, as Frame.step). */
  lrAt(step: number): number;
}

export function warmupLr(peak: number, warmup: number): (step: number) => number {
  return (step) => (warmup <= 1 ? peak : peak * Math.min(1, (step + 1) / warmup));
}

export function sgdWarmup(peak: number, warmup: number): ScheduledOptimizer {
  const lrAt = warmupLr(peak, warmup);
  let step = 0;
  return {
    name: 'sgd',
    lossScale: 1,
    spec: { name: 'sgd', lr: peak, warmup },
    lrAt,
    apply(vars, grads) {
      // Inside the step's tidy: the scalar goes with it (one small upload per step).
      const eta = tf.scalar(lrAt(step++));
      vars.forEach((v, i) => v.assign(tf.sub(v, tf.mul(eta, grads[i]!))));
    },
    dispose: () => {},
  };
}
