/**
 * Chapter "lstm": a vanilla tanh RNN (run A) and an LSTM (run B) on the adding problem
 * (data.ts: two marked values, one in each half of a sequence of length T, target their
 * sum), same seed, same data order, hidden 32, mini-batches of 64, Adam. What each step
 * reports: ‖∂L/∂h_t‖ for every t (and the LSTM's ‖∂L/∂c_t‖), the loss, the share of
 * answers within 0.04 of the target, and the LSTM's mean forget gate.
 */
import { defineParams } from '../params';
import { LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  cell: {
    kind: 'choice',
    options: [
      { value: 'rnn', label: { en: 'Vanilla RNN (tanh)', zh: '普通 RNN（tanh）' }, short: { en: 'RNN', zh: 'RNN' } },
      { value: 'lstm', label: { en: 'LSTM', zh: 'LSTM' } },
    ],
    default: 'rnn',
    label: { en: 'Recurrent cell', zh: '循环单元' },
  },
  length: {
    kind: 'int', min: 5, max: 100, step: 1, default: 50,
    label: { en: 'Sequence length T', zh: '序列长度 T' },
    help: {
      en: 'Time steps per sequence. The first marked value sits in the first half, so it must be carried at least T/2 steps.',
      zh: '每条序列的时间步数。第一个被标记的数在前半段，所以至少要记住 T/2 步。',
    },
  },
  forgetBias: {
    kind: 'float', min: -2, max: 5, step: 0.5, default: 1,
    label: { en: 'LSTM forget-gate bias', zh: 'LSTM 遗忘门偏置' },
    help: {
      en: 'The forget gate starts at σ(bias): 0.5 for bias 0 (about PyTorch’s default, which draws every bias from U(±1/√H)), 0.73 for 1 (Keras’s), 0.95 for 3. Only the LSTM uses it.',
      zh: '遗忘门初始约为 σ(偏置)：偏置 0 时为 0.5（约为 PyTorch 的默认：它的偏置都取自 U(±1/√H)），1 时为 0.73（Keras 默认），3 时为 0.95。只对 LSTM 起作用。',
    },
  },
  recurrentInit: {
    kind: 'choice',
    options: [
      { value: 'orthogonal', label: { en: 'Orthogonal × gain', zh: '正交矩阵 × 增益' }, short: { en: 'orthogonal', zh: '正交' } },
      { value: 'gaussian', label: { en: 'Gaussian N(0, gain²/H)', zh: '高斯 N(0, 增益²/H)' }, short: { en: 'Gaussian', zh: '高斯' } },
    ],
    default: 'orthogonal',
    label: { en: 'Recurrent weights W_h', zh: '循环权重 W_h 的初始化' },
  },
  gain: {
    kind: 'float', min: 0.25, max: 2, step: 0.05, default: 1, scale: 'log',
    label: LABELS.gain,
    legend: { en: 'gain {v}', zh: '增益 {v}' },
    help: {
      en: 'Scales W_h (for the LSTM, each gate’s block). Above 1 the RNN’s backward signal can grow instead of shrink.',
      zh: '缩放 W_h（对 LSTM 是每个门各自的那一块）。大于 1 时，RNN 的反向信号可能增长而不是衰减。',
    },
  },
  lr: {
    kind: 'float', min: 0.0003, max: 0.1, step: 0.0001, default: 0.01, scale: 'log', label: LABELS.lr,
    help: { en: 'Step size of Adam.', zh: 'Adam 优化器的步长。' },
  },
});

/** Run A the RNN, run B the LSTM: everything else is shared (the forget bias is the LSTM's alone). */
export const lstmComparison = defineComparison(base, { compare: true, b: { cell: 'lstm' } });

export const lstmSpec: ExperimentSpec<typeof lstmComparison.params> = {
  id: 'lstm',
  chapter: 'lstm',
  title: { en: 'A vanilla RNN and an LSTM on the adding problem', zh: '普通 RNN 与 LSTM 做“加法问题”' },
  params: lstmComparison.params,
  steps: 1000,
};

/** The task's numbers, for the experiment and the text: hidden units, batch, examples, the answer tolerance. */
export const LSTM_TASK = { units: 32, batch: 64, examples: 2048, tolerance: 0.04 } as const;

/**
 * The accuracy of always answering 1, the mean: the sum of two U[0, 1) values has the triangular
 * density 1 − |y − 1|, so P(|y − 1| < tol) = 2·tol − tol² (0.0784 for 0.04).
 */
export const chanceAccuracy = (tol: number) => 2 * tol - tol * tol;
