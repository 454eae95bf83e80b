/**
 * Runs initialization.spec.ts: spirals, sigmoid cross-entropy, plain SGD; every
 * layer (the output layer too, as a framework would) starts from the run's
 * scheme. Frames carry each layer's activation statistics, ‖∂L/∂a‖ and the
 * gradient norms, for each run.
 */
import { spirals } from '../data';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { firstOverLast, stdLastOverFirst } from './extras';
import { initializationComparison, initializationSpec } from './initialization.spec';
import { mlpComparison } from './mlp-run';

export const initialization = mlpComparison(initializationSpec, initializationComparison, (v) => ({
  data: spirals,
  mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: v.init, gain: 1 } },
  loss: 'sigmoid-ce',
  optimizer: sgd(v.lr),
  metrics: { probes: true, activations: true },
  extras: { firstOverLast, stdLastOverFirst },
}));
