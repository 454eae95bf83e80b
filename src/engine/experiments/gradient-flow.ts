/**
 * Runs gradient-flow.spec.ts: spirals, sigmoid cross-entropy, plain SGD
 * (not Adam: Adam rescales each parameter's step and would hide the very
 * imbalance between layers this widget shows). Frames carry per-layer
 * ‖∂L/∂W‖, ‖∂L/∂b‖, ‖∂L/∂a‖ and activation statistics.
 */
import { spirals } from '../data';
import { sanitizeValues } from '../params';
import { createRng } from '../rng';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { firstOverLast } from './extras';
import { gradientFlowSpec } from './gradient-flow.spec';
import { createMlpRun } from './mlp-run';
import type { Experiment } from './types';

export const gradientFlow: Experiment<typeof gradientFlowSpec.params> = {
  ...gradientFlowSpec,
  create(values, { seed, steps }) {
    const v = sanitizeValues(gradientFlowSpec.params, values);
    const rng = createRng(seed);
    return createMlpRun({
      experiment: gradientFlowSpec.id,
      seed,
      steps: steps ?? gradientFlowSpec.steps,
      data: spirals(rng.fork()),
      weightsRng: rng.fork(),
      mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: v.init, gain: v.gain } },
      loss: 'sigmoid-ce',
      optimizer: sgd(v.lr),
      metrics: { probes: true, activations: true },
      extras: firstOverLast,
    });
  },
};
