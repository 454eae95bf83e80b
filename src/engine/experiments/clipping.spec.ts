/**
 * Chapter "gradient-clipping": the exploding-gradients chapter's run A (a
 * 12-layer ReLU net at He's scale, SGD warming up to a step size it does not
 * tolerate) three times on one seed, one draw of weights and data: without
 * clipping, clipping each gradient entry to [−c, c], and clipping the global
 * norm to c. The unclipped run trains for about twenty steps and blows up;
 * both clipped runs train on. Thresholds are in units of ∂L/∂θ.
 */
import { defineParams } from '../params';
import { HELP, LABELS, LEGENDS } from './common-params';
import type { ExperimentSpec } from './types';

export const clippingParams = defineParams({
  clipNorm: {
    kind: 'float', min: 0.01, max: 10, step: 0.01, default: 0.2, scale: 'log',
    label: { en: 'Threshold for the global norm', zh: '全局范数的阈值' },
    legend: { en: 'c = {v}', zh: 'c = {v}' },
    help: {
      en: 'Run “by norm”: when ‖g‖ over all parameters exceeds this, the whole gradient is scaled down to this length.',
      zh: '“按范数”一组：所有参数的梯度合起来的范数 ‖g‖ 超过这个值时，整个梯度按比例缩到这个长度。',
    },
  },
  clipValue: {
    kind: 'float', min: 0.0001, max: 1, step: 0.0001, default: 0.01, scale: 'log',
    label: { en: 'Threshold for each entry', zh: '每个分量的阈值' },
    legend: { en: 'c = {v}', zh: 'c = {v}' },
    help: {
      en: 'Run “by value”: every entry of the gradient is clipped to [−c, c] on its own.',
      zh: '“按值”一组：梯度的每个分量各自截断到 [−c, c]。',
    },
  },
  depth: { kind: 'int', min: 2, max: 20, step: 1, default: 12, label: LABELS.depth, help: HELP.depth },
  lr: { kind: 'float', min: 0.001, max: 2, step: 0.001, default: 1, scale: 'log', label: LABELS.peakLr, legend: LEGENDS.peakLr, help: HELP.peakLr },
  warmup: { kind: 'int', min: 0, max: 100, step: 1, default: 30, label: LABELS.warmup, help: HELP.warmup },
});

export const clippingSpec: ExperimentSpec<typeof clippingParams> = {
  id: 'clipping',
  chapter: 'gradient-clipping',
  title: { en: 'Clipping by value and by global norm', zh: '按值裁剪与按全局范数裁剪' },
  params: clippingParams,
  steps: 200,
};
