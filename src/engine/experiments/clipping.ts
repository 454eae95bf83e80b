/**
 * Runs clipping.spec.ts: three runs of one network, data and seed that differ
 * only in the gradient transform. Frames carry the raw global norm
 * (globalNorm), the norm after clipping (appliedNorm), the share of entries
 * clipping changed and the cosine between the update and the raw gradient
 * (metrics/clipping.ts), and the warm-up's step size in `extras.lr`.
 */
import { wave2d } from '../data';
import { legendLabel, sanitizeValues, type Label } from '../params';
import { clipByGlobalNorm, clipByValue, type GradientTransform } from '../train/clipping';
import { clipEffect } from '../train/metrics/clipping';
import { sgdWarmup } from '../train/schedule';
import { clippingParams, clippingSpec } from './clipping.spec';
import { WIDTH } from './common-params';
import { mlpRun } from './mlp-run';
import { createSession } from './run';
import type { Experiment } from './types';

const join = (a: Label, b: Label): Label => ({ en: `${a.en}, ${b.en}`, zh: `${a.zh}，${b.zh}` });

export const clipping: Experiment<typeof clippingParams> = {
  ...clippingSpec,
  create(values, { seed, steps }) {
    const v = sanitizeValues(clippingParams, values);
    const runs: { name: string; label: Label; transforms?: GradientTransform[] }[] = [
      { name: 'none', label: { en: 'No clipping', zh: '不裁剪' } },
      { name: 'value', label: join({ en: 'By value', zh: '按值' }, legendLabel(clippingParams.clipValue, v.clipValue)), transforms: [clipByValue(v.clipValue)] },
      { name: 'norm', label: join({ en: 'By global norm', zh: '按全局范数' }, legendLabel(clippingParams.clipNorm, v.clipNorm)), transforms: [clipByGlobalNorm(v.clipNorm)] },
    ];
    return createSession(
      { experiment: clippingSpec.id, seed, steps: steps ?? clippingSpec.steps },
      runs.map(({ name, label, transforms }) => {
        const optimizer = sgdWarmup(v.lr, v.warmup);
        return mlpRun({
          name, label, transforms,
          data: wave2d,
          mlp: { depth: v.depth, width: WIDTH, activation: 'relu', init: { name: 'he', gain: 1 } },
          loss: 'mse',
          optimizer,
          metrics: {},
          plugins: [clipEffect],
          extras: { lr: (f) => optimizer.lrAt(f.step) },
        });
      }),
    );
  },
};
