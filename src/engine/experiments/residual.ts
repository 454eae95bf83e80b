/**
 * Runs residual.spec.ts: spirals, sigmoid cross-entropy, plain SGD, Xavier
 * everywhere; the residual run wraps every hidden layer after the first (which
 * changes the width) in h ↦ h + α·F(h). Frames carry per-layer gradient norms,
 * ‖∂L/∂a‖ and activation statistics, for each run.
 */
import { spirals } from '../data';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { firstOverLast, firstOverLastHidden } from './extras';
import { mlpComparison } from './mlp-run';
import { residualComparison, residualSpec } from './residual.spec';

export const residual = mlpComparison(residualSpec, residualComparison, (v) => ({
  data: spirals,
  mlp: {
    depth: v.depth, width: WIDTH, activation: v.activation, init: { name: 'xavier', gain: 1 },
    ...(v.net === 'residual' ? { residual: { every: 1, scale: v.scale === 'sqrt' ? 1 / Math.sqrt(v.depth) : 1 } } : {}),
  },
  loss: 'sigmoid-ce',
  optimizer: sgd(v.lr),
  metrics: { probes: true, activations: true },
  extras: { firstOverLast, firstOverLastHidden },
}));
