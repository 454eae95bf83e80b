/**
 * Chapter "overview": the gradient-flow explorer. A `depth`-layer MLP
 * (width 32) trains on two spirals; every frame carries each layer's
 * gradient norms, to be drawn on a log scale. Defaults (sigmoid, Xavier)
 * show the vanishing; ReLU + He, the second run's defaults, the cure,
 * trained beside it on the same seed.
 */
import { defineParams } from '../params';
import { ACTIVATION_OPTIONS, HELP, INIT_OPTIONS, LABELS, LEGENDS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  depth: { kind: 'int', min: 1, max: 20, step: 1, default: 8, label: LABELS.depth, help: HELP.depth },
  activation: { kind: 'choice', options: ACTIVATION_OPTIONS, default: 'sigmoid', label: LABELS.activation },
  init: { kind: 'choice', options: INIT_OPTIONS, default: 'xavier', label: LABELS.init },
  gain: { kind: 'float', min: 0.1, max: 4, step: 0.01, default: 1, scale: 'log', label: LABELS.gain, help: HELP.gain, legend: LEGENDS.gain },
  lr: { kind: 'float', min: 0.001, max: 1, step: 0.001, default: 0.1, scale: 'log', label: LABELS.lr, help: HELP.lr },
});

/** Run B may change what the chapter is about; depth, learning rate and seed are shared. */
export const gradientFlowComparison = defineComparison(base, { compare: true, b: { activation: 'relu', init: 'he', gain: 1 } });

export const gradientFlowSpec: ExperimentSpec<typeof gradientFlowComparison.params> = {
  id: 'gradient-flow',
  chapter: 'overview',
  title: { en: 'Gradient flow through the layers', zh: '梯度在各层间的流动' },
  params: gradientFlowComparison.params,
  steps: 400,
};
