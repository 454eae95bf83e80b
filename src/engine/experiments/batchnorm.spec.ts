/**
 * Chapter "batch-normalization": the same deep sigmoid network (depth 20,
 * width 32, Xavier) without and with batch norm on the pre-activations, on one
 * seed and one draw of weights, trained on mini-batches. At step 0 the plain
 * run's first hidden layer gets a gradient about thirteen orders of magnitude
 * below its last's; with batch norm the first gets *more* than the last (Yang
 * et al. 2019: at initialisation, batch norm without skips makes gradients grow
 * towards the input). Every step also evaluates both runs in evaluation mode
 * (batch norm on its running averages) over the whole training set.
 */
import { defineParams } from '../params';
import { activationOptions, HELP, LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  depth: { kind: 'int', min: 4, max: 30, step: 1, default: 20, label: LABELS.depth, help: HELP.depth },
  activation: {
    kind: 'choice',
    options: activationOptions('sigmoid', 'tanh', 'relu'),
    default: 'sigmoid',
    label: LABELS.activation,
  },
  norm: {
    kind: 'choice',
    options: [
      { value: 'none', label: { en: 'No normalization', zh: '不做归一化' }, short: { en: 'no BN', zh: '无 BN' } },
      { value: 'bn-before', label: { en: 'BN before the activation: f(BN(Wh + b))', zh: 'BN 在激活之前：f(BN(Wh + b))' }, short: { en: 'BN before f', zh: 'BN 在 f 前' } },
      { value: 'bn-after', label: { en: 'BN after the activation: BN(f(Wh + b))', zh: 'BN 在激活之后：BN(f(Wh + b))' }, short: { en: 'BN after f', zh: 'BN 在 f 后' } },
    ],
    default: 'none',
    label: { en: 'Normalization in every hidden layer', zh: '每个隐藏层的归一化' },
  },
  batch: {
    kind: 'int', min: 8, max: 256, step: 8, default: 128,
    label: { en: 'Mini-batch size', zh: '小批量大小' },
    help: {
      en: 'Samples per step, out of 256. Batch norm normalises with the statistics of this batch; evaluation mode uses running averages instead.',
      zh: '每步使用的样本数（共 256 个）。批量归一化用这一批的统计量做归一化；评估模式则改用滑动平均。',
    },
  },
  lr: { kind: 'float', min: 0.001, max: 1, step: 0.001, default: 0.1, scale: 'log', label: LABELS.lr, help: HELP.lr },
});

/** Run A without, run B with batch norm: everything else is shared. */
export const batchnormComparison = defineComparison(base, { compare: true, b: { norm: 'bn-before' } });

export const batchnormSpec: ExperimentSpec<typeof batchnormComparison.params> = {
  id: 'batchnorm',
  chapter: 'batch-normalization',
  title: { en: 'The same deep network with and without batch normalization', zh: '同一个深层网络：有无批量归一化' },
  params: batchnormComparison.params,
  steps: 300,
};
