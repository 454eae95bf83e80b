/**
 * Chapter "exploding-gradients": a deep ReLU net whose weights are He-normal
 * times `scale`, trained by SGD whose step size warms up linearly to `lr`.
 * Each layer multiplies activations (forward) and ∂L/∂a (backward) by about
 * `scale`, so norms grow like scale^depth: above ~1.2 at 12 layers the first
 * steps overflow. At the defaults both runs start at He's scale and differ in
 * the learning rate: run A's warm-up climbs past what the network tolerates,
 * so it trains normally for a while and then blows up (step and layer named);
 * run B's stays below and trains on.
 */
import { defineParams } from '../params';
import { HELP, LABELS, LEGENDS } from './common-params';
import { defineComparison } from './compare';
import type { ExperimentSpec } from './types';

const base = defineParams({
  scale: {
    kind: 'float', min: 0.25, max: 4, step: 0.01, default: 1, scale: 'log',
    label: { en: 'Weight scale (× He)', zh: '权重缩放（He 初始化的倍数）' },
    legend: { en: '{v} × He', zh: '{v} × He' },
    help: {
      en: 'Weights start as He-normal times this factor. 1 keeps signal sizes steady from layer to layer.',
      zh: '权重初始值为 He 正态初始化再乘以这个倍数。取 1 时，信号在层与层之间大小基本不变。',
    },
  },
  depth: { kind: 'int', min: 2, max: 30, step: 1, default: 12, label: LABELS.depth, help: HELP.depth },
  lr: { kind: 'float', min: 0.0001, max: 2, step: 0.0001, default: 1, scale: 'log', label: LABELS.peakLr, legend: LEGENDS.peakLr, help: HELP.peakLr },
  warmup: { kind: 'int', min: 0, max: 100, step: 1, default: 30, label: LABELS.warmup, help: HELP.warmup },
});

/** Run B may differ in the weight scale and the learning rate; at the defaults only the learning rate differs. */
export const explosionComparison = defineComparison(base, { compare: true, b: { scale: 1, lr: 0.1 } });

export const explosionSpec: ExperimentSpec<typeof explosionComparison.params> = {
  id: 'explosion',
  chapter: 'exploding-gradients',
  title: { en: 'Exploding gradients in a deep ReLU network', zh: '深层 ReLU 网络中的梯度爆炸' },
  params: explosionComparison.params,
  steps: 200,
};
