/**
 * Runs gradient-flow.spec.ts: spirals, sigmoid cross-entropy, plain SGD
 * (not Adam: Adam rescales each parameter's step and would hide the very
 * imbalance between layers this widget shows). Frames carry per-layer
 * ‖∂L/∂W‖, ‖∂L/∂b‖, ‖∂L/∂a‖ and activation statistics, for each run.
 */
import { spirals } from '../data';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { firstOverLast } from './extras';
import { gradientFlowComparison, gradientFlowSpec } from './gradient-flow.spec';
import { mlpComparison } from './mlp-run';

export const gradientFlow = mlpComparison(gradientFlowSpec, gradientFlowComparison, (v) => ({
  data: spirals,
  mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: v.init, gain: v.gain } },
  loss: 'sigmoid-ce',
  optimizer: sgd(v.lr),
  metrics: { probes: true, activations: true },
  extras: { firstOverLast },
}));
