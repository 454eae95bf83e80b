/** Gradient clipping: one exploding setup three times on one seed — no clipping, by value, by global norm. */
import { clippingSpec } from '../../engine/experiments/clipping.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    norms: 'Global gradient norm before clipping (‖g‖) and after, every step (log scale)',
    before: 'before clipping',
    after: 'after clipping',
    normAxis: 'Global gradient norm',
    loss: 'Training loss (log scale)',
    direction: 'Direction: cos(clipped, raw gradient), and the share of entries clipped by value',
    cosine: 'cos(clipped, raw)',
    share: 'share of entries clipped',
    directionAxis: 'Cosine / share',
    clipped: '{run}: clipped on {n} of {m} steps so far',
    diverged: 'diverged ({run})',
  },
  zh: {
    norms: '每一步裁剪前（‖g‖）与裁剪后的全局梯度范数（对数坐标）',
    before: '裁剪前',
    after: '裁剪后',
    normAxis: '全局梯度范数',
    loss: '训练损失（对数坐标）',
    direction: '方向：裁剪后与原梯度的夹角余弦，以及按值裁剪时被截断的分量占比',
    cosine: '裁剪后与原梯度的余弦',
    share: '被截断的分量占比',
    directionAxis: '余弦 / 占比',
    clipped: '{run}：到目前为止 {m} 步中有 {n} 步被裁剪',
    diverged: '发散（{run}）',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof clippingSpec.params;

export default defineWidget({
  spec: clippingSpec,
  layout: [['norms', 'loss'], ['direction']],
  strings,
  view: () => import('./view'),
});
