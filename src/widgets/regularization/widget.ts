/** Weight regularization: one small network without a penalty, with L1 and with L2, same seed: training and held-out loss, the weights' norm and sparsity, the gradient norm. */
import { regularizationSpec } from '../../engine/experiments/regularization.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    loss: 'Loss on the {train} training points (every step) and on the {heldOut} held-out points (every {every} steps), log scale',
    train: 'training',
    validation: 'held out',
    norms: 'Norm of all weights ‖W‖ (biases not included)',
    normAxis: '‖W‖',
    layers: 'Weight norm of each layer, latest step (log scale)',
    sparsity: 'Share of the weights with |w| below {threshold}',
    sparsityAxis: 'Share',
    grads: 'Gradient norm ‖∂(L + penalty)/∂θ‖ over all parameters (log scale)',
    gradAxis: 'Gradient norm ‖g‖',
    readout: '{run}: ‖W‖ {norm}, {share} of the weights below {threshold}, held-out − training loss {gap}',
  },
  zh: {
    loss: '{train} 个训练点上的损失（每步）与 {heldOut} 个留出点上的损失（每 {every} 步），对数坐标',
    train: '训练',
    validation: '留出',
    norms: '全部权重的范数 ‖W‖（不含偏置）',
    normAxis: '‖W‖',
    layers: '最新一步各层的权重范数（对数坐标）',
    sparsity: '|w| 小于 {threshold} 的权重所占比例',
    sparsityAxis: '比例',
    grads: '全部参数上的梯度范数 ‖∂(L + 惩罚项)/∂θ‖（对数坐标）',
    gradAxis: '梯度范数 ‖g‖',
    readout: '{run}：‖W‖ {norm}，{share} 的权重小于 {threshold}，留出损失 − 训练损失 {gap}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof regularizationSpec.params;

export default defineWidget({
  spec: regularizationSpec,
  layout: [['loss', 'norms'], ['sparsity', 'layers'], ['grads']],
  strings,
  view: () => import('./view'),
});
