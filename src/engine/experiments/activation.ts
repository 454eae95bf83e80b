/**
 * Runs activation.spec.ts: spirals, sigmoid cross-entropy, Adam, He init;
 * frames carry per-layer gradient norms and activation statistics (the dead
 * share among them), for each run.
 */
import { spirals } from '../data';
import { adam } from '../train/optimizers';
import { activationComparison, activationSpec } from './activation.spec';
import { WIDTH } from './common-params';
import { deadShare, firstOverLastHidden } from './extras';
import { mlpComparison } from './mlp-run';

export const activation = mlpComparison(activationSpec, activationComparison, (v) => ({
  data: spirals,
  // He for every activation, so both runs start from the very same weights whatever they compare.
  mlp: { depth: v.depth, width: WIDTH, activation: v.activation, shape: { slope: v.slope, alpha: v.alpha }, init: { name: 'he', gain: 1 } },
  loss: 'sigmoid-ce',
  optimizer: adam(v.lr),
  metrics: { activations: true },
  extras: { deadShare, firstOverLastHidden },
}));
