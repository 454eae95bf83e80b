/**
 * Chapter "activation-functions": the same network (depth 6, width 32, He
 * init, one draw of weights) under two activations on one seed, trained with
 * Adam. At Adam's rate 0.03, high for it, ReLU units die during training:
 * the share dead for the whole batch climbs from about a tenth at step 0 to
 * about a third, while leaky ReLU, whose negative side keeps slope k, has
 * none, and ELU next to none. At 0.001 the ReLU share stays where it starts.
 */
import { defineParams } from '../params';
import { ACTIVATION_OPTIONS, HELP, LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

/** Every activation; leaky ReLU and ELU named with the shape parameter this widget lets the reader set. */
const options = ACTIVATION_OPTIONS.map((o) =>
  o.value === 'leaky-relu' ? { ...o, label: { en: 'Leaky ReLU (slope k)', zh: 'Leaky ReLU（斜率 k）' } }
  : o.value === 'elu' ? { ...o, label: { en: 'ELU (α)', zh: 'ELU（指数线性单元，α）' } }
  : o);

const base = defineParams({
  activation: { kind: 'choice', options, default: 'relu', label: LABELS.activation },
  slope: {
    kind: 'float', min: 0.001, max: 0.5, step: 0.001, default: 0.01, scale: 'log',
    label: { en: 'Leaky ReLU slope k', zh: 'Leaky ReLU 的负半轴斜率 k' },
    usedWith: { param: 'activation', values: ['leaky-relu'] },
    help: {
      en: 'f(z) = kz below 0. Only leaky ReLU uses it. Below k = 0.01 its negative side counts as flat, so its units can be dead too.',
      zh: 'z < 0 时 f(z) = kz，只对 Leaky ReLU 起作用。k 小于 0.01 时，负半轴按“平坦”计，这时它的神经元也可能被判为死亡。',
    },
  },
  alpha: {
    kind: 'float', min: 0.1, max: 2, step: 0.05, default: 1,
    label: { en: 'ELU α', zh: 'ELU 的 α' },
    usedWith: { param: 'activation', values: ['elu'] },
    help: {
      en: 'f(z) = α(eᶻ − 1) below 0: the left tail levels off at −α. Only ELU uses it.',
      zh: 'z < 0 时 f(z) = α(eᶻ − 1)，左侧趋于 −α。只对 ELU 起作用。',
    },
  },
  depth: { kind: 'int', min: 2, max: 20, step: 1, default: 6, label: LABELS.depth, help: HELP.depth },
  lr: {
    kind: 'float', min: 0.0003, max: 0.3, step: 0.0001, default: 0.03, scale: 'log', label: LABELS.lr,
    help: {
      en: 'Step size of Adam. 0.001 is its usual value; 0.03 is high enough to push ReLU units off for good.',
      zh: 'Adam 优化器的步长。常用值是 0.001；0.03 已经大到能把 ReLU 神经元永久推到关闭状态。',
    },
  },
});

/** Run A ReLU, run B leaky ReLU: depth, k, α, the learning rate and the seed are shared. */
export const activationComparison = defineComparison(base, { compare: true, b: { activation: 'leaky-relu' } });

export const activationSpec: ExperimentSpec<typeof activationComparison.params> = {
  id: 'activation',
  chapter: 'activation-functions',
  title: { en: 'Two activations, the same network', zh: '同一个网络的两种激活函数' },
  params: activationComparison.params,
  steps: 300,
};
