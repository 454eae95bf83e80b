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
    accuracy: 'Accuracy: share of the batch answered within 0.04 of the target',
    accuracyAxis: 'Accuracy',
    chance: 'always answering 1',
    readout: '{run}: first ÷ last {ratio}, loss {loss} (predicting the mean scores 0.167), accuracy {accuracy}',
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
    accuracy: '准确率：本批样本中预测与目标相差不到 0.04 的比例',
    accuracyAxis: '准确率',
    chance: '总是回答 1',
    readout: '{run}：首末之比 {ratio}，损失 {loss}（只预测均值为 0.167），准确率 {accuracy}',
    forget: '，遗忘门平均值 {forget}',
  },
};

export type Strings = Widen<typeof strings.en>;
export type Params = typeof lstmSpec.params;

export default defineWidget({
  spec: lstmSpec,
  layout: [['time'], ['ratio', 'accuracy']],
  strings,
  view: () => import('./view'),
});
