/**
 * Runs batchnorm.spec.ts: spirals in shuffled mini-batches, sigmoid
 * cross-entropy, plain SGD, Xavier; frames carry per-layer gradient norms,
 * each hidden layer's histogram of what enters its activation (after batch
 * norm when it comes first), activation statistics, and an evaluation-mode
 * loss over the whole training set, for each run.
 */
import { spirals } from '../data';
import { sgd } from '../train/optimizers';
import { batchnormComparison, batchnormSpec } from './batchnorm.spec';
import { WIDTH } from './common-params';
import { firstOverLastHidden } from './extras';
import { mlpComparison } from './mlp-run';

/** ±6 in 48 bins of 0.25: wide enough for the sigmoid's flat tails to begin (|z| > 5.99), fine enough to show a spread of 0.5 against one of 1. */
const BINS = { lo: -6, hi: 6, bins: 48 };

export const batchnorm = mlpComparison(batchnormSpec, batchnormComparison, (v) => ({
  data: spirals,
  mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: 'xavier', gain: 1 }, norm: v.norm },
  loss: 'sigmoid-ce',
  optimizer: sgd(v.lr),
  batchSize: v.batch,
  metrics: { activations: true, histogram: BINS },
  extras: { firstOverLastHidden },
  evaluate: { every: 1 },
}));
