/** Batch normalization: the same deep network with and without BN, same seed: per-layer gradient norms, what enters each activation, train vs eval loss. */
import { batchnormSpec } from '../../engine/experiments/batchnorm.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    bars: 'Gradient norm of each layer’s weights, latest step (log scale)',
    loss: 'Loss in training mode (this step’s mini-batch) and in evaluation mode (running averages, all 256 points)',
    train: 'training mode',
    eval: 'evaluation mode',
    histograms: 'What enters each hidden layer’s activation (after batch norm when it comes first), with f′ drawn over it',
    panel: 'L{n} · {share} saturated',
    readout: '{run}: first ÷ last hidden layer gradient norm {start} at step 0, {now} now',
  },
  zh: {
    bars: '最新一步各层权重的梯度范数（对数坐标）',
    loss: '训练模式（本步的小批量）与评估模式（滑动平均，全部 256 个点）下的损失',
    train: '训练模式',
    eval: '评估模式',
    histograms: '各隐藏层激活函数的输入（BN 在前时为归一化之后的值），叠加 f′ 曲线',
    panel: '第{n}层 · 饱和 {share}',
    readout: '{run}：第一个与最后一个隐藏层的梯度范数之比，第 0 步为 {start}，现在为 {now}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof batchnormSpec.params;

export default defineWidget({
  spec: batchnormSpec,
  layout: [['bars', 'loss'], ['histograms']],
  strings,
  view: () => import('./view'),
});
