/**
 * Runs explosion.spec.ts: wave2d regression, MSE (whose gradient grows with
 * the error, unlike cross-entropy's), plain SGD. Frames carry ‖∂L/∂a‖, ‖W‖
 * and activation statistics per layer, and `diverged` when a value first
 * goes non-finite; the run stops there.
 */
import { wave2d } from '../data';
import { sanitizeValues } from '../params';
import { createRng } from '../rng';
import { sgd } from '../train/optimizers';
import { WIDTH } from './common-params';
import { explosionSpec } from './explosion.spec';
import { firstOverLast } from './extras';
import { createMlpRun } from './mlp-run';
import type { Experiment } from './types';

export const explosion: Experiment<typeof explosionSpec.params> = {
  ...explosionSpec,
  create(values, { seed, steps }) {
    const v = sanitizeValues(explosionSpec.params, values);
    const rng = createRng(seed);
    return createMlpRun({
      experiment: explosionSpec.id,
      seed,
      steps: steps ?? explosionSpec.steps,
      data: wave2d(rng.fork()),
      weightsRng: rng.fork(),
      mlp: { depth: v.depth, width: WIDTH, activation: 'relu', init: { name: 'he', gain: v.scale } },
      loss: 'mse',
      optimizer: sgd(v.lr),
      metrics: { activations: true, probes: true, weightNorms: true },
      extras: firstOverLast,
    });
  },
};
