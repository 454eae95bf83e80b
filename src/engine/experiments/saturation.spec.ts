/**
 * Chapter "vanishing-gradients": a deep sigmoid (or tanh) net whose hidden
 * weights are drawn N(0, σ_w²). With the defaults the first layer's gradient
 * is about three orders of magnitude below the last's at step 0, and some
 * pre-activations sit in the flat tails; small σ_w vanishes without any
 * saturation (σ′ ≤ 1/4 per layer), large σ_w saturates. With the comparison
 * on, a second run with its own σ_w trains beside it.
 */
import { defineParams } from '../params';
import { activationOptions, HELP, LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  depth: { kind: 'int', min: 2, max: 20, step: 1, default: 10, label: LABELS.depth, help: HELP.depth },
  activation: {
    kind: 'choice',
    options: activationOptions('sigmoid', 'tanh'),
    default: 'sigmoid',
    label: LABELS.activation,
  },
  sigma: {
    kind: 'float', min: 0.05, max: 5, step: 0.01, default: 1, scale: 'log',
    label: { en: 'Weight std σ_w (init)', zh: '权重标准差 σ_w（初始化）' },
    legend: { en: 'σ_w = {v}', zh: 'σ_w = {v}' },
    help: {
      en: 'Every hidden weight starts as a draw from N(0, σ_w²). A large σ_w pushes pre-activations into the flat tails.',
      zh: '每个隐藏层权重初始取自 N(0, σ_w²)。σ_w 越大，预激活值越容易落进函数平坦的两端（饱和区）。',
    },
  },
  lr: { kind: 'float', min: 0.001, max: 1, step: 0.001, default: 0.1, scale: 'log', label: LABELS.lr, help: HELP.lr },
});

/** Off by default: the chapter's first picture is one run. Run B differs in σ_w only. */
export const saturationComparison = defineComparison(base, { compare: false, b: { sigma: 0.25 } });

export const saturationSpec: ExperimentSpec<typeof saturationComparison.params> = {
  id: 'saturation',
  chapter: 'vanishing-gradients',
  title: { en: 'Saturation in a deep sigmoid network', zh: '深层 Sigmoid 网络中的饱和' },
  params: saturationComparison.params,
  steps: 300,
};
