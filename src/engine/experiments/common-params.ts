/** Parameter declarations and option labels shared by several experiments (declared once, reused). */
import type { ChoiceOption, Label } from '../params';

export const ACTIVATION_OPTIONS = [
  { value: 'sigmoid', label: { en: 'Sigmoid', zh: 'Sigmoid' } },
  { value: 'tanh', label: { en: 'tanh', zh: 'tanh（双曲正切）' }, short: { en: 'tanh', zh: 'tanh' } },
  { value: 'relu', label: { en: 'ReLU', zh: 'ReLU（线性整流）' }, short: { en: 'ReLU', zh: 'ReLU' } },
  { value: 'leaky-relu', label: { en: 'Leaky ReLU (k = 0.01)', zh: 'Leaky ReLU（k = 0.01）' }, short: { en: 'Leaky ReLU', zh: 'Leaky ReLU' } },
  { value: 'elu', label: { en: 'ELU', zh: 'ELU（指数线性单元）' }, short: { en: 'ELU', zh: 'ELU' } },
  { value: 'gelu', label: { en: 'GELU', zh: 'GELU（高斯误差线性单元）' }, short: { en: 'GELU', zh: 'GELU' } },
  { value: 'silu', label: { en: 'SiLU (swish)', zh: 'SiLU（swish）' }, short: { en: 'SiLU', zh: 'SiLU' } },
] as const satisfies readonly ChoiceOption[];

type ActivationOption = (typeof ACTIVATION_OPTIONS)[number];

/** Some of ACTIVATION_OPTIONS, in the order a widget offers them. */
export function activationOptions<const V extends ActivationOption['value']>(...values: V[]): Extract<ActivationOption, { value: V }>[] {
  return values.map((v) => ACTIVATION_OPTIONS.find((o) => o.value === v)!) as Extract<ActivationOption, { value: V }>[];
}

/** Every scheme of init.ts, for the chapter about them (σ spelled out where the name alone does not say it). */
export const INIT_ALL_OPTIONS = [
  { value: 'normal', label: { en: 'N(0, 1)', zh: 'N(0, 1)' } },
  { value: 'small', label: { en: 'N(0, 0.01²)', zh: 'N(0, 0.01²)' } },
  { value: 'xavier', label: { en: 'Xavier normal (Glorot)', zh: 'Xavier 正态（Glorot）' }, short: { en: 'Xavier', zh: 'Xavier' } },
  { value: 'xavier-uniform', label: { en: 'Xavier uniform', zh: 'Xavier 均匀分布' }, short: { en: 'Xavier uniform', zh: 'Xavier 均匀' } },
  { value: 'he', label: { en: 'He normal (Kaiming)', zh: 'He 正态（何恺明）' }, short: { en: 'He', zh: 'He' } },
  { value: 'he-uniform', label: { en: 'He uniform', zh: 'He 均匀分布' }, short: { en: 'He uniform', zh: 'He 均匀' } },
  { value: 'torch-default', label: { en: 'PyTorch nn.Linear default, U(±1/√n)', zh: 'PyTorch nn.Linear 默认，U(±1/√n)' }, short: { en: 'PyTorch default', zh: 'PyTorch 默认' } },
  { value: 'orthogonal', label: { en: 'Orthogonal', zh: '正交初始化' }, short: { en: 'orthogonal', zh: '正交' } },
] as const satisfies readonly ChoiceOption[];

/** The three schemes of the widgets that scale them by a gain: N(0, gain²), then Xavier and He as above. */
export const INIT_OPTIONS = [
  { value: 'normal', label: { en: 'Normal N(0, gain²)', zh: '正态分布 N(0, 增益²)' }, short: { en: 'Normal', zh: '正态' } },
  ...INIT_ALL_OPTIONS.filter((o): o is Extract<(typeof INIT_ALL_OPTIONS)[number], { value: 'xavier' | 'he' }> => o.value === 'xavier' || o.value === 'he'),
] as const satisfies readonly ChoiceOption[];

export const LABELS = {
  depth: { en: 'Depth (hidden layers)', zh: '深度（隐藏层数）' },
  activation: { en: 'Activation function', zh: '激活函数' },
  init: { en: 'Initialization', zh: '初始化方法' },
  gain: { en: 'Gain', zh: '增益' },
  lr: { en: 'Learning rate', zh: '学习率' },
  peakLr: { en: 'Learning rate (after warm-up)', zh: '学习率（预热结束后）' },
  warmup: { en: 'Warm-up steps', zh: '预热步数' },
} as const satisfies Record<string, Label>;

/** How run legends write a value ('{v}' is the value). */
export const LEGENDS = {
  gain: { en: 'gain {v}', zh: '增益 {v}' },
  peakLr: { en: 'η {v}', zh: 'η {v}' },
} as const satisfies Record<string, Label>;

export const HELP = {
  depth: { en: 'Number of hidden layers, each 32 units wide.', zh: '隐藏层的层数，每层 32 个神经元。' },
  gain: {
    en: 'Multiplies the standard deviation the initialization picks. 1 is the textbook value.',
    zh: '乘在初始化方法给出的标准差上。取 1 即教科书上的原始方案。',
  },
  lr: { en: 'Step size of plain gradient descent (SGD).', zh: '普通梯度下降（SGD）的步长。' },
  peakLr: {
    en: 'Step size of plain gradient descent (SGD) once the warm-up is over.',
    zh: '预热结束后普通梯度下降（SGD）的步长。',
  },
  warmup: {
    en: 'The step size rises linearly to its full value over this many steps (0: full from the first step).',
    zh: '步长在这么多步内线性升到设定值（0 表示从第一步起就用设定值）。',
  },
} as const satisfies Record<string, Label>;

/** Hidden width of every experiment's MLP. */
export const WIDTH = 32;
