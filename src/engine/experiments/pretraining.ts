/**
 * Runs pretraining.spec.ts: run A, autoencoder phases (one per hidden layer) then fine-tuning;
 * run B, the same network from the same initial weights, trained on the targets only, starting
 * at A's first fine-tuning step. Both see the same data; B's frames line up with A's fine-tuning.
 */
import { wave2d } from '../data';
import { legendLabel, sanitizeValues, type ParamValues } from '../params';
import type { Rng } from '../rng';
import { adam } from '../train/optimizers';
import { autoencoderPhases } from './autoencoders';
import { WIDTH } from './common-params';
import { firstOverLastHidden } from './extras';
import { mlpRun, type MlpRunConfig } from './mlp-run';
import { LEARNING_RATE, POINTS, pretrainingParams, pretrainingSpec } from './pretraining.spec';
import { createSession } from './run';
import type { Experiment } from './types';

/** N(0, 0.1²) is the `normal` scheme at gain 0.1; Xavier and He at gain 1. */
const INIT_GAIN = { normal: 0.1, xavier: 1, he: 1 } as const;

export const FINE_TUNING = { name: 'finetune', label: { en: 'Fine-tuning', zh: '微调' } } as const;

/** The two runs for these values (the claims tests read the autoencoders' data through them). */
export function pretrainingRuns(v: ParamValues<typeof pretrainingParams>): MlpRunConfig[] {
  const pretrain = v.aeSteps > 0;
  const shared = {
    data: (rng: Rng) => wave2d(rng, POINTS),
    mlp: { depth: v.depth, width: WIDTH, activation: v.activation, init: { name: v.init, gain: INIT_GAIN[v.init] } },
    loss: 'mse',
    metrics: {},
    extras: { firstOverLastHidden },
  } as const;
  const perLayer = legendLabel(pretrainingParams.aeSteps, v.aeSteps);
  return [
    {
      ...shared,
      name: 'pretrained',
      label: { en: `A · pre-trained, ${perLayer.en}`, zh: `A · 预训练，${perLayer.zh}` },
      optimizer: adam(LEARNING_RATE),
      ...(pretrain ? { phases: (net, data) => ({ before: autoencoderPhases(net, data, { steps: v.aeSteps, optimizer: () => adam(LEARNING_RATE) }), phase: FINE_TUNING }) } : {}),
    },
    {
      ...shared,
      name: 'scratch',
      label: { en: 'B · from the random start', zh: 'B · 从随机起点开始' },
      optimizer: adam(LEARNING_RATE),
      ...(pretrain ? { start: v.depth * v.aeSteps } : {}),
    },
  ];
}

export const pretraining: Experiment<typeof pretrainingParams> = {
  ...pretrainingSpec,
  create(values, { seed, steps }) {
    const runs = pretrainingRuns(sanitizeValues(pretrainingParams, values));
    return createSession({ experiment: pretrainingSpec.id, seed, steps: steps ?? pretrainingSpec.steps }, runs.map(mlpRun));
  },
};
