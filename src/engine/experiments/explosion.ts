/**
 * Runs explosion.spec.ts: wave2d regression, MSE (whose gradient grows with
 * the error, unlike cross-entropy's), SGD with a linear warm-up. Frames carry
 * ‖∂L/∂a‖, ‖W‖ and activation statistics per layer, the step size in
 * `extras.lr`, and `diverged` when a value first goes non-finite; that run
 * stops there, the other trains on.
 */
import { wave2d } from '../data';
import { sgdWarmup } from '../train/schedule';
import { WIDTH } from './common-params';
import { explosionComparison, explosionSpec } from './explosion.spec';
import { firstOverLast } from './extras';
import { mlpComparison } from './mlp-run';

export const explosion = mlpComparison(explosionSpec, explosionComparison, (v) => {
  const optimizer = sgdWarmup(v.lr, v.warmup);
  return {
    data: wave2d,
    mlp: { depth: v.depth, width: WIDTH, activation: 'relu', init: { name: 'he', gain: v.scale } },
    loss: 'mse',
    optimizer,
    metrics: { activations: true, probes: true, weightNorms: true },
    extras: { firstOverLast, lr: (f) => optimizer.lrAt(f.step) },
  };
});
