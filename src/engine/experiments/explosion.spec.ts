/**
 * Chapter "exploding-gradients": a deep ReLU net whose weights are He-normal
 * times `scale`. Each layer multiplies activations (forward) and ∂L/∂a
 * (backward) by about `scale`, so norms grow like scale^depth. With the
 * defaults the first SGD step is so large that the next forward pass
 * overflows: the run stops at step 1 and names the layer. At scale 1 (He),
 * the second run's default, it trains on.
 */
import { defineParams } from '../params';
import { HELP, LABELS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  scale: {
    kind: 'float', min: 0.25, max: 4, step: 0.01, default: 2, scale: 'log',
    label: { en: 'Weight scale (× He)', zh: '权重缩放（He 初始化的倍数）' },
    legend: { en: '{v} × He', zh: '{v} × He' },
    help: {
      en: 'Weights start as He-normal times this factor. 1 keeps signal sizes steady from layer to layer.',
      zh: '权重初始值为 He 正态初始化再乘以这个倍数。取 1 时，信号在层与层之间大小基本不变。',
    },
  },
  depth: { kind: 'int', min: 2, max: 30, step: 1, default: 12, label: LABELS.depth, help: HELP.depth },
  lr: { kind: 'float', min: 0.0001, max: 0.1, step: 0.0001, default: 0.01, scale: 'log', label: LABELS.lr, help: HELP.lr },
});

/** Run B differs in the weight scale only: at the defaults run A blows up and run B trains on. */
export const explosionComparison = defineComparison(base, { compare: true, b: { scale: 1 } });

export const explosionSpec: ExperimentSpec<typeof explosionComparison.params> = {
  id: 'explosion',
  chapter: 'exploding-gradients',
  title: { en: 'Exploding gradients in a deep ReLU network', zh: '深层 ReLU 网络中的梯度爆炸' },
  params: explosionComparison.params,
  steps: 200,
};
