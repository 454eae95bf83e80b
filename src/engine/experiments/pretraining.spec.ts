/**
 * Chapter "pretraining": the same deep sigmoid network (8 hidden layers of 32, a linear output
 * unit) fitted to wave2d twice on one seed, from the same initial weights: run A greedily
 * pre-trained, one autoencoder per hidden layer (autoencoders.ts), then fine-tuned on the
 * targets; run B trained on the targets from its random start, step for step beside A's
 * fine-tuning. Frames carry their phase, each layer's gradient norms and r, the first hidden
 * layer's ‖∂L/∂W‖ over the last hidden layer's.
 */
import { defineParams } from '../params';
import { activationOptions, HELP, INIT_ALL_OPTIONS, LABELS } from './common-params';
import type { ExperimentSpec } from './types';

/** Points of wave2d: every step's batch, in pre-training and fine-tuning alike. */
export const POINTS = 512;
/** Adam's step size, in every phase. */
export const LEARNING_RATE = 0.01;

const NORMAL_01 = { value: 'normal', label: { en: 'N(0, 0.1²)', zh: 'N(0, 0.1²)' } } as const;
type Scaled = Extract<(typeof INIT_ALL_OPTIONS)[number], { value: 'xavier' | 'he' }>;
const SCALED = INIT_ALL_OPTIONS.filter((o): o is Scaled => o.value === 'xavier' || o.value === 'he');

export const pretrainingParams = defineParams({
  init: {
    kind: 'choice',
    options: [NORMAL_01, ...SCALED],
    default: 'normal',
    label: LABELS.init,
    help: {
      en: 'The random start of both runs: run B trains from it, run A’s autoencoders start from it.',
      zh: '两组共同的随机起点：B 组从它开始训练，A 组的自编码器也从它开始。',
    },
  },
  activation: { kind: 'choice', options: activationOptions('sigmoid', 'tanh', 'relu'), default: 'sigmoid', label: LABELS.activation },
  depth: { kind: 'int', min: 2, max: 12, step: 1, default: 8, label: LABELS.depth, help: HELP.depth },
  aeSteps: {
    kind: 'int', min: 0, max: 600, step: 25, default: 300,
    label: { en: 'Autoencoder steps per layer', zh: '每层自编码器的训练步数' },
    legend: { en: '{v} steps per layer', zh: '每层 {v} 步' },
    help: {
      en: 'How long each layer’s autoencoder trains before the next layer’s begins. 0: no pre-training, run A is run B.',
      zh: '每一层的自编码器训练多少步后再轮到下一层。取 0 即不做预训练，A 组与 B 组完全相同。',
    },
  },
});

export const pretrainingSpec: ExperimentSpec<typeof pretrainingParams> = {
  id: 'pretraining',
  chapter: 'pretraining',
  title: { en: 'The same deep network pre-trained layer by layer, and from its random start', zh: '同一个深层网络：逐层预训练，与从随机起点训练' },
  params: pretrainingParams,
  /** Fine-tuning steps (run B's steps); the autoencoders' come before. */
  steps: 1500,
};
