/**
 * Chapter "residual-connections": the same deep network (sigmoid by default,
 * Xavier, width 32) plain and with an identity skip around every hidden layer
 * after the first, h ↦ h + α·F(h), on one seed and one draw of weights. At
 * depth 32 the plain run's first hidden layer gets a gradient about twenty
 * orders of magnitude below its last hidden layer's; the residual run's, with
 * the branches scaled by 1/√L, about one. With α = 1 a sigmoid's mean piles up
 * along the skips and the deep blocks saturate.
 */
import { defineParams } from '../params';
import { activationOptions, HELP, LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  depth: { kind: 'int', min: 8, max: 64, step: 1, default: 32, label: LABELS.depth, help: HELP.depth },
  activation: {
    kind: 'choice',
    options: activationOptions('sigmoid', 'tanh', 'relu'),
    default: 'sigmoid',
    label: LABELS.activation,
  },
  net: {
    kind: 'choice',
    options: [
      { value: 'plain', label: { en: 'Plain (no skips)', zh: '普通网络（无跳跃连接）' }, short: { en: 'plain', zh: '普通' } },
      { value: 'residual', label: { en: 'Residual: h + α·F(h)', zh: '残差：h + α·F(h)' }, short: { en: 'residual', zh: '残差' } },
    ],
    default: 'plain',
    label: { en: 'Network', zh: '网络结构' },
  },
  scale: {
    kind: 'choice',
    options: [
      { value: 'one', label: { en: 'α = 1', zh: 'α = 1' } },
      { value: 'sqrt', label: { en: 'α = 1/√L', zh: 'α = 1/√L' } },
    ],
    default: 'sqrt',
    label: { en: 'Branch scale α (h + α·F(h))', zh: '分支缩放 α（h + α·F(h)）' },
    help: {
      en: 'Each residual block adds α times its branch. With α = 1 the sigmoid’s mean of 1/2 piles up block after block.',
      zh: '每个残差块加上 α 倍的分支输出。α = 1 时，sigmoid 输出的均值 1/2 会一块接一块地累加起来。',
    },
  },
  // 0.1 throws the residual run's loss up to 5 within ten steps: 32 summed branches make a large step
  lr: { kind: 'float', min: 0.001, max: 1, step: 0.001, default: 0.02, scale: 'log', label: LABELS.lr, help: HELP.lr },
});

/** Run A plain, run B with the skips: everything else is shared. */
export const residualComparison = defineComparison(base, { compare: true, b: { net: 'residual' } });

export const residualSpec: ExperimentSpec<typeof residualComparison.params> = {
  id: 'residual',
  chapter: 'residual-connections',
  title: { en: 'Plain and residual, the same deep network', zh: '同一个深层网络：普通与残差' },
  params: residualComparison.params,
  steps: 300,
};
