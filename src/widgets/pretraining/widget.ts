/** Pre-training: one deep network pre-trained layer by layer then fine-tuned, beside the same network trained from its random start: the losses over every phase, each layer's gradient at the start of fine-tuning, r over fine-tuning. */
import { pretrainingSpec } from '../../engine/experiments/pretraining.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    loss: 'Loss over all steps: run A’s reconstruction loss in each autoencoder phase, then both runs’ training loss (MSE on the {points} points; log scale)',
    reconstruction: 'reconstruction loss',
    training: 'training loss',
    aeShort: 'AE{k}',
    layers: 'Each layer’s gradient norm at the first step of training on the targets (log scale)',
    layersWaiting: 'Drawn at the first step of fine-tuning, step {step}.',
    layersReadout: '{run}: r = {r} at its first step on the targets',
    ratio: 'r = ‖∂L/∂W₁‖ ÷ ‖∂L/∂W_last hidden‖ during fine-tuning (log scale)',
    ratioAxis: 'r',
    readoutPhase: '{run}: {phase}, reconstruction loss {loss}',
    readoutWaiting: '{run}: starts at step {step}, with run A’s fine-tuning',
    readout: '{run}: training loss {loss}, r {r}',
  },
  zh: {
    loss: '全部步数上的损失：A 组各自编码器阶段的重构损失，之后两组的训练损失（{points} 个点上的均方误差，对数坐标）',
    reconstruction: '重构损失',
    training: '训练损失',
    aeShort: '自编码{k}',
    layers: '在目标上训练的第一步，各层的梯度范数（对数坐标）',
    layersWaiting: '微调开始（第 {step} 步）时画出。',
    layersReadout: '{run}：在目标上训练的第一步 r = {r}',
    ratio: '微调过程中的 r = ‖∂L/∂W₁‖ ÷ ‖∂L/∂W_最后隐藏层‖（对数坐标）',
    ratioAxis: 'r',
    readoutPhase: '{run}：{phase}，重构损失 {loss}',
    readoutWaiting: '{run}：与 A 组的微调同时开始，在第 {step} 步',
    readout: '{run}：训练损失 {loss}，r {r}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof pretrainingSpec.params;

export default defineWidget({
  spec: pretrainingSpec,
  layout: [['loss'], ['layers', 'ratio']],
  strings,
  view: () => import('./view'),
});
