/** Overview: per-layer gradient norms of two configurations trained side by side on the same seed. */
import { gradientFlowSpec } from '../../engine/experiments/gradient-flow.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    bars: 'Gradient norm of each layer’s weights, latest step (log scale)',
    heatmap: '{run}: gradient norm of each layer over training',
    loss: 'Training loss',
    ratio: '{run}: first-layer / last-layer gradient norm {start} at step 0, {ratio} now',
    ratioZero: '{run}: the last layer’s weight gradient is exactly 0 at step {step}, so first / last is undefined ({start} at step 0)',
  },
  zh: {
    bars: '最新一步各层权重的梯度范数（对数坐标）',
    heatmap: '{run}：训练过程中各层的梯度范数',
    loss: '训练损失',
    ratio: '{run}：第一层与最后一层梯度范数之比，第 0 步为 {start}，现在为 {ratio}',
    ratioZero: '{run}：第 {step} 步最后一层的权重梯度恰好为 0，第一层与最后一层之比无定义（第 0 步为 {start}）',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof gradientFlowSpec.params;

export default defineWidget({
  spec: gradientFlowSpec,
  layout: [['bars'], ['heatmap'], ['loss']],
  strings,
  view: () => import('./view'),
});
