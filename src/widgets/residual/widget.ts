/** Residual connections: the same deep network plain and with identity skips, same seed: per-layer gradient norms, r over training, both losses. */
import { residualSpec } from '../../engine/experiments/residual.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    bars: 'Gradient norm of each layer’s weights, latest step (log scale)',
    ratio: 'First hidden layer’s gradient norm ÷ last hidden layer’s, over training (log scale)',
    ratioAxis: 'first ÷ last hidden',
    loss: 'Training loss',
    readout: '{run}: first / last hidden layer gradient norm {start} at step 0, {now} now',
  },
  zh: {
    bars: '最新一步各层权重的梯度范数（对数坐标）',
    ratio: '训练过程中第一个隐藏层与最后一个隐藏层的梯度范数之比（对数坐标）',
    ratioAxis: '首个 ÷ 末个隐藏层',
    loss: '训练损失',
    readout: '{run}：第一个与最后一个隐藏层的梯度范数之比，第 0 步为 {start}，现在为 {now}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof residualSpec.params;

export default defineWidget({
  spec: residualSpec,
  layout: [['bars'], ['ratio', 'loss']],
  strings,
  view: () => import('./view'),
});
