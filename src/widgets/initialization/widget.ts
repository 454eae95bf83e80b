/** Weight initialisation: the same network from two schemes, same seed: activation spread and gradient norm per layer. */
import { initializationSpec } from '../../engine/experiments/initialization.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    std: 'Spread of each hidden layer’s activations, std over the batch, latest step (log scale)',
    stdAxis: 'Activation std',
    grads: 'Gradient norm of each layer’s weights, latest step (log scale)',
    ratio: 'Activation std of the last hidden layer ÷ the first, over training (log scale)',
    ratioAxis: 'std last ÷ first',
    loss: 'Training loss (log scale)',
    readout: '{run}: activation std, layer {last} ÷ layer 1: {start} at step 0, {now} now; first / last weight gradient {grad}',
  },
  zh: {
    std: '最新一步各隐藏层激活值的离散程度（对整批数据求标准差，对数坐标）',
    stdAxis: '激活值标准差',
    grads: '最新一步各层权重的梯度范数（对数坐标）',
    ratio: '训练过程中最后一个隐藏层与第一个隐藏层激活值标准差之比（对数坐标）',
    ratioAxis: '标准差之比（末层 ÷ 首层）',
    loss: '训练损失（对数坐标）',
    readout: '{run}：第 {last} 层与第 1 层激活值标准差之比，第 0 步为 {start}，现在为 {now}；第一层与最后一层权重梯度之比为 {grad}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof initializationSpec.params;

export default defineWidget({
  spec: initializationSpec,
  layout: [['std'], ['grads'], ['ratio', 'loss']],
  strings,
  view: () => import('./view'),
});
