/** Activation functions: two activations on the same network and seed: f and f′, per-layer gradient norms, dead units over training, both losses. */
import { activationSpec } from '../../engine/experiments/activation.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    fn: 'The activations f(z) and their derivatives f′(z)',
    bars: 'Gradient norm of each layer’s weights, latest step (log scale)',
    dead: 'Share of hidden units that are dead (flat for every sample), over training',
    deadAxis: 'dead share',
    loss: 'Training loss',
    readout: '{run}: {now} of hidden units dead now, {start} at step 0; first ÷ last hidden layer gradient norm {ratio}',
  },
  zh: {
    fn: '激活函数 f(z) 及其导数 f′(z)',
    bars: '最新一步各层权重的梯度范数（对数坐标）',
    dead: '训练过程中死亡神经元（对每个样本都落在平坦区）占隐藏层的比例',
    deadAxis: '死亡比例',
    loss: '训练损失',
    readout: '{run}：现在有 {now} 的隐藏神经元已死亡，第 0 步为 {start}；第一个与最后一个隐藏层的梯度范数之比为 {ratio}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof activationSpec.params;

export default defineWidget({
  spec: activationSpec,
  layout: [['fn', 'bars'], ['dead', 'loss']],
  strings,
  view: () => import('./view'),
});
