/**
 * Runs explosion.spec.ts: wave2d regression, MSE (whose gradient grows with
 * the error, unlike cross-entropy's), plain SGD. Frames carry ‖∂L/∂a‖, ‖W‖
 * and activation statistics per layer, and `diverged` when a value first
 * goes non-finite; that run stops there, the other trains on.
 */
import { wave2d } from '../data';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { explosionComparison, explosionSpec } from './explosion.spec';
import { firstOverLast } from './extras';
import { mlpComparison } from './mlp-run';

export const explosion = mlpComparison(explosionSpec, explosionComparison, (v) => ({
  data: wave2d,
  mlp: { depth: v.depth, width: WIDTH, activation: 'relu', init: { name: 'he', gain: v.scale } },
  loss: 'mse',
  optimizer: sgd(v.lr),
  metrics: { activations: true, probes: true, weightNorms: true },
  extras: { firstOverLast },
}));
