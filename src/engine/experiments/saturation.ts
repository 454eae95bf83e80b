/**
 * Runs saturation.spec.ts: spirals, sigmoid cross-entropy, SGD; frames carry
 * each layer's pre-activation histogram over fixed bins, the saturated and
 * dead shares, ‖∂L/∂a‖ and the gradient norms, for each run.
 */
import { scalarActivation } from '../activation-math';
import { spirals } from '../data';
import { sgd } from '../train/optimizers';
import type { HistogramSpec } from '../train/histogram';
import { WIDTH } from './common-params';
import { firstOverLast } from './extras';
import { mlpComparison } from './mlp-run';
import { saturationComparison, saturationSpec } from './saturation.spec';

/** Bins span twice the flat threshold each side (sigmoid ±12, tanh ±6), 48 of them, fixed for the run. */
export function saturationBins(activation: 'sigmoid' | 'tanh'): HistogramSpec {
  const region = scalarActivation(activation).flatRegion as { absAbove: number };
  const t = Math.round(2 * region.absAbove);
  return { lo: -t, hi: t, bins: 48 };
}

export const saturation = mlpComparison(saturationSpec, saturationComparison, (v) => ({
  data: spirals,
  // Only the hidden layers take σ: an output layer at σ = 3 would start with a huge loss and muddle the picture.
  mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: 'normal', gain: v.sigma }, outputInit: { name: 'xavier', gain: 1 } },
  loss: 'sigmoid-ce',
  optimizer: sgd(v.lr),
  metrics: { activations: true, probes: true, histogram: saturationBins(v.activation) },
  extras: { firstOverLast },
}));
