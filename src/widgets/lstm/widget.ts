/** LSTM: a vanilla RNN and an LSTM on the adding problem, same seed: ‖∂L/∂h_t‖ against t, its first ÷ last ratio, the accuracy, the forget gate. */
import { lstmSpec } from '../../engine/experiments/lstm.spec';
import type { Widen } from '../../i18n/widget-strings';
import { defineWidget } from '../types';

const strings = {
  en: {
    time: 'How much of the loss’s gradient reaches each time step, latest step (log scale)',
    timeAxis: 'Time step t',
    timeTable: 't',
    hState: '‖∂L/∂h_t‖',
    cState: '‖∂L/∂c_t‖ (LSTM cell state)',
    ratio: 'First ÷ last time step’s gradient, ‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖, over training (log scale)',
    ratioAxis: '‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖',
    loss: 'Training loss, MSE on this step’s batch (log scale)',
    baseline: 'predicting the mean, 1/6',
    accuracy: 'Accuracy: share of answers within {tolerance} of the target, mean over the last {window} steps’ batches',
    accuracyAxis: 'Accuracy',
    chance: 'always answering 1',
    readout: '{run}: first ÷ last {ratio}, loss {loss}, accuracy {accuracy} (last {window} steps)',
    forget: ', mean forget gate {forget}',
  },
  zh: {
    time: '最新一步中，损失的梯度传到各个时间步还剩多少（对数坐标）',
    timeAxis: '时间步 t',
    timeTable: 't',
    hState: '‖∂L/∂h_t‖',
    cState: '‖∂L/∂c_t‖（LSTM 细胞状态）',
    ratio: '训练过程中第一个与最后一个时间步的梯度之比 ‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖（对数坐标）',
    ratioAxis: '‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖',
    loss: '训练损失：本步小批量上的均方误差（对数坐标）',
    baseline: '只预测均值，1/6',
    accuracy: '准确率：预测与目标相差不到 {tolerance} 的比例，取最近 {window} 步小批量的平均',
    accuracyAxis: '准确率',
    chance: '总是回答 1',
    readout: '{run}：首末之比 {ratio}，损失 {loss}，准确率 {accuracy}（最近 {window} 步）',
    forget: '，遗忘门平均值 {forget}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof lstmSpec.params;

export default defineWidget({
  spec: lstmSpec,
  layout: [['time', 'ratio'], ['loss', 'accuracy']],
  strings,
  view: () => import('./view'),
});
