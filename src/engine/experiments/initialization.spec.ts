/**
 * Chapter "initialization": the same deep network (ReLU by default, width 32)
 * started from two initialisation schemes on the same seed. Every scheme turns
 * the same normal draws into weights (init.ts), so the two runs differ in the
 * scheme only. Frames carry each layer's activation statistics and gradient
 * norms: at depth 20 with ReLU, Xavier shrinks the activations' spread towards
 * the output by orders of magnitude and He keeps it; N(0, 1) blows it up and
 * N(0, 0.01²) kills it.
 */
import { defineParams } from '../params';
import { activationOptions, HELP, INIT_ALL_OPTIONS, LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  depth: { kind: 'int', min: 2, max: 30, step: 1, default: 20, label: LABELS.depth, help: HELP.depth },
  activation: {
    kind: 'choice',
    options: activationOptions('relu', 'tanh', 'sigmoid'),
    default: 'relu',
    label: LABELS.activation,
  },
  init: { kind: 'choice', options: INIT_ALL_OPTIONS, default: 'xavier', label: LABELS.init },
  lr: { kind: 'float', min: 0.001, max: 1, step: 0.001, default: 0.01, scale: 'log', label: LABELS.lr, help: HELP.lr },
});

/** Run B differs in the scheme only: activation, depth, learning rate and seed are shared. */
export const initializationComparison = defineComparison(base, { compare: true, b: { init: 'he' } });

export const initializationSpec: ExperimentSpec<typeof initializationComparison.params> = {
  id: 'initialization',
  chapter: 'initialization',
  title: { en: 'Two initialisations of the same network', zh: '同一个网络的两种初始化' },
  params: initializationComparison.params,
  steps: 300,
  // Seed 1 is a low draw for He at depth 20 (0.19); seed 2 is typical (0.70, the median of seeds 1–8): the chapter says so.
  seed: 2,
};
