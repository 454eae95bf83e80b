/** Vanishing gradients: where each layer's pre-activations sit on σ, and what σ′ lets through. */
import { saturationSpec } from '../../engine/experiments/saturation.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    histograms: 'Pre-activations z of each layer, with σ′(z) drawn over them',
    activation: 'The activation and its derivative',
    bars: 'Gradient norm of each layer’s weights (log scale)',
    ratio: '{run}: first / last layer gradient {start} at step 0 ({orders} orders of magnitude), {ratio} now',
    fprime: 'derivative',
    f: 'function',
    peak: 'largest slope: {value}',
    panel: 'L{n} · {share} saturated',
  },
  zh: {
    histograms: '各层激活前的值 z 的分布，叠加 σ′(z) 曲线',
    activation: '激活函数及其导数',
    bars: '各层权重的梯度范数（对数坐标）',
    ratio: '{run}：第一层与最后一层的梯度之比，第 0 步为 {start}（相差 {orders} 个数量级），现在为 {ratio}',
    fprime: '导数',
    f: '函数',
    peak: '最大斜率：{value}',
    panel: '第{n}层 · 饱和 {share}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof saturationSpec.params;

export default defineWidget({
  spec: saturationSpec,
  layout: [['activation', 'bars'], ['histograms']],
  strings,
  view: () => import('./view'),
});
