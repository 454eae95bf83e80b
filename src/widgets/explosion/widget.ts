/** Exploding gradients: two weight scales on the same seed; the one that blows up stops, the other trains on. */
import { explosionSpec } from '../../engine/experiments/explosion.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    lines: 'Gradient with respect to the first and the last hidden layer’s output, over training (log scale)',
    bars: 'Gradient with respect to each layer’s output, last finite step (log scale)',
    loss: 'Training loss (log scale)',
    first: 'first hidden layer',
    last: 'last hidden layer',
    growth: '{run}: growth per layer ×{factor} (step {step})',
    diverged: 'diverged ({run})',
  },
  zh: {
    lines: '训练过程中损失对第一个和最后一个隐藏层输出的梯度范数（对数坐标）',
    bars: '最近一个有限步中损失对各层输出的梯度范数（对数坐标）',
    loss: '训练损失（对数坐标）',
    first: '第一个隐藏层',
    last: '最后一个隐藏层',
    growth: '{run}：每层增长 ×{factor}（第 {step} 步）',
    diverged: '发散（{run}）',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof explosionSpec.params;

export default defineWidget({
  spec: explosionSpec,
  layout: [['bars'], ['lines', 'loss']],
  strings,
  view: () => import('./view'),
});
