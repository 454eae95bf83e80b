/**
 * Runs regularization.spec.ts: three runs of one network, data and seed that differ only in the
 * penalty. Frames carry the held-out loss every VALIDATE_EVERY steps (Frame.validation), the
 * weights' norm and sparsity per layer and overall, the penalty and its share of the loss.
 */
import { wave2d } from '../data';
import { legendLabel, sanitizeValues, type Label } from '../params';
import { adam, sgd } from '../train/optimizers';
import { l1, l1Proximal, l2, type Penalty, type Proximal } from '../train/regularization';
import { mlpRun } from './mlp-run';
import { HELD_OUT, regularizationParams, regularizationSpec, SPARSITY_THRESHOLD, TRAIN_POINTS, VALIDATE_EVERY } from './regularization.spec';
import { createSession } from './run';
import type { Experiment } from './types';

const WIDTH = 64;
const DEPTH = 3;
const LR = { sgd: 0.1, adam: 0.01 } as const;

export const regularization: Experiment<typeof regularizationParams> = {
  ...regularizationSpec,
  create(values, { seed, steps }) {
    const v = sanitizeValues(regularizationParams, values);
    const lr = LR[v.optimizer];
    const lambda = legendLabel(regularizationParams.lambda, v.lambda);
    const with_ = (name: Label): Label => ({ en: `${name.en}, ${lambda.en}`, zh: `${name.zh}，${lambda.zh}` });
    const proximal = v.l1Update === 'proximal';
    const runs: { name: string; label: Label; penalties?: Penalty[]; proximal?: Proximal[] }[] = [
      { name: 'none', label: { en: 'No penalty', zh: '不加惩罚' } },
      {
        name: 'l1',
        label: with_(proximal ? { en: 'L1 (proximal)', zh: 'L1（近端）' } : { en: 'L1', zh: 'L1' }),
        ...(proximal ? { proximal: [l1Proximal(v.lambda, lr)] } : { penalties: [l1(v.lambda)] }),
      },
      { name: 'l2', label: with_({ en: 'L2', zh: 'L2' }), penalties: [l2(v.lambda)] },
    ];
    return createSession(
      { experiment: regularizationSpec.id, seed, steps: steps ?? regularizationSpec.steps },
      runs.map(({ name, label, penalties, proximal: prox }) =>
        mlpRun({
          name, label, penalties, proximal: prox,
          data: (rng) => wave2d(rng, TRAIN_POINTS + HELD_OUT, { noise: v.noise }),
          validate: { heldOut: HELD_OUT, every: VALIDATE_EVERY },
          mlp: { depth: DEPTH, width: WIDTH, activation: 'tanh', init: { name: 'xavier', gain: 1 } },
          loss: 'mse',
          optimizer: v.optimizer === 'adam' ? adam(lr) : sgd(lr),
          metrics: { weightNorms: true, sparsity: SPARSITY_THRESHOLD },
        }),
      ),
    );
  },
};
