/**
 * Chapter "weight-regularization": one small tanh network (3 hidden layers of 64) fitted to 32
 * noisy points of wave2d, small enough to overfit, three times on one seed and one draw of
 * weights: without a penalty, with L1 and with L2 at the same λ. 512 more points of the same
 * draw are held out; their loss is measured every few steps. Per run: the weights' norm and the
 * share of weights near zero (|w| < 10⁻³), the gradient norm, the penalty's share of the loss.
 */
import { defineParams } from '../params';
import type { ExperimentSpec } from './types';

export const TRAIN_POINTS = 32;
export const HELD_OUT = 512;
/** Steps between two held-out losses (Frame.validation). */
export const VALIDATE_EVERY = 20;
/** |w| below this counts as (about) zero: Frame.overallSparsity, LayerFrame.sparsity. */
export const SPARSITY_THRESHOLD = 1e-3;

export const regularizationParams = defineParams({
  lambda: {
    kind: 'float', min: 0.00001, max: 0.1, step: 0.00001, default: 0.001, scale: 'log',
    label: { en: 'Penalty strength λ', zh: '惩罚强度 λ' },
    legend: { en: 'λ = {v}', zh: 'λ = {v}' },
    help: {
      en: 'The same λ for both penalties: L1 adds λ·Σ|w|, L2 adds λ·Σw² to the loss (weights only, not biases).',
      zh: '两种惩罚用同一个 λ：L1 在损失上加 λ·Σ|w|，L2 加 λ·Σw²（只罚权重，不罚偏置）。',
    },
  },
  optimizer: {
    kind: 'choice',
    options: [
      { value: 'sgd', label: { en: 'Plain SGD, η = 0.1', zh: '普通 SGD，η = 0.1' }, short: { en: 'SGD', zh: 'SGD' } },
      { value: 'adam', label: { en: 'Adam, η = 0.01, penalty in the gradient', zh: 'Adam，η = 0.01，惩罚项进入梯度' }, short: { en: 'Adam', zh: 'Adam' } },
    ],
    default: 'sgd',
    label: { en: 'Optimizer', zh: '优化器' },
    help: {
      en: 'With Adam the penalty’s gradient is divided by the same running scale as the data gradient: see “Adam: L2 is not weight decay” below.',
      zh: '用 Adam 时，惩罚项的梯度和数据梯度一起除以同一个滑动尺度：见下文“Adam：L2 不等于权重衰减”。',
    },
  },
  l1Update: {
    kind: 'choice',
    options: [
      { value: 'subgradient', label: { en: 'Subgradient: λ·sign(w) in the gradient', zh: '次梯度：梯度中加 λ·sign(w)' }, short: { en: 'subgradient', zh: '次梯度' } },
      { value: 'proximal', label: { en: 'Proximal: soft-threshold after each step', zh: '近端：每步之后做软阈值' }, short: { en: 'proximal', zh: '近端' } },
    ],
    default: 'subgradient',
    label: { en: 'How the L1 run applies its penalty', zh: 'L1 一组施加惩罚的方式' },
    help: {
      en: 'The proximal step w ← sign(w)·max(|w| − ηλ, 0) sets weights to exactly zero; the subgradient only makes them flip around it.',
      zh: '近端步 w ← sign(w)·max(|w| − ηλ, 0) 会把权重精确地置为零；次梯度只会让它们在零附近来回翻转。',
    },
  },
  noise: {
    kind: 'float', min: 0, max: 0.5, step: 0.01, default: 0.2,
    label: { en: 'Noise on the targets', zh: '目标值上的噪声' },
    help: {
      en: `Standard deviation of the noise added to sin(πx₁)·cos(πx₂), on the ${TRAIN_POINTS} training points and the ${HELD_OUT} held-out ones alike.`,
      zh: `加在 sin(πx₁)·cos(πx₂) 上的噪声的标准差，${TRAIN_POINTS} 个训练点和 ${HELD_OUT} 个留出点都一样。`,
    },
  },
});

export const regularizationSpec: ExperimentSpec<typeof regularizationParams> = {
  id: 'regularization',
  chapter: 'weight-regularization',
  title: { en: 'The same network without a penalty, with L1 and with L2', zh: '同一个网络：不加惩罚、L1 与 L2' },
  params: regularizationParams,
  steps: 3000,
};
