/**
 * Runs initialization.spec.ts: spirals, sigmoid cross-entropy, plain SGD; every
 * layer (the output layer too, as a framework would) starts from the run's
 * scheme. Frames carry each layer's activation statistics, ‖∂L/∂a‖ and the
 * gradient norms, for each run.
 */
import { spirals } from '../data';
import { sanitizeValues } from '../params';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { firstOverLast, stdLastOverFirst } from './extras';
import { initializationComparison, initializationSpec } from './initialization.spec';
import { mlpRun } from './mlp-run';
import { createSession } from './run';
import type { Experiment } from './types';

export const initialization: Experiment<typeof initializationSpec.params> = {
  ...initializationSpec,
  create(values, { seed, steps }) {
    const runs = initializationComparison.runs(sanitizeValues(initializationSpec.params, values));
    return createSession(
      { experiment: initializationSpec.id, seed, steps: steps ?? initializationSpec.steps },
      runs.map(({ name, label, values: v }) =>
        mlpRun({
          name, label,
          data: spirals,
          mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: v.init, gain: 1 } },
          loss: 'sigmoid-ce',
          optimizer: sgd(v.lr),
          metrics: { probes: true, activations: true },
          extras: { firstOverLast, stdLastOverFirst },
        }),
      ),
    );
  },
};
