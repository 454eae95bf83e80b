/**
 * Where each finding sends the reader: the chapter that explains it, with its widget
 * opened in the configuration closest to the log (its depth), then the remedies to try.
 * Specs only (no tfjs, no d3): the doctor page builds the links in the browser.
 */
import { activationSpec } from '../engine/experiments/activation.spec';
import { batchnormSpec } from '../engine/experiments/batchnorm.spec';
import { clippingSpec } from '../engine/experiments/clipping.spec';
import { explosionSpec } from '../engine/experiments/explosion.spec';
import { initializationSpec } from '../engine/experiments/initialization.spec';
import { residualSpec } from '../engine/experiments/residual.spec';
import { saturationSpec } from '../engine/experiments/saturation.spec';
import type { ExperimentSpec } from '../engine/experiments/types';
import { coerceParams, SEED_PARAM, type Label, type ParamSpecs } from '../engine/params';
import { withWidgetState } from '../runtime/url-state';
import type { Category } from './analyze';

export interface Remedy {
  spec: ExperimentSpec<ParamSpecs>;
  /** The widget's parameters for a log with `depth` hidden layers (clamped to the widget's range). */
  values(depth: number): Record<string, string>;
  why: Label;
}

const remedy = <S extends ParamSpecs>(spec: ExperimentSpec<S>, values: Remedy['values'], why: Label): Remedy => ({ spec: spec as unknown as ExperimentSpec<ParamSpecs>, values, why });
const depthOnly = (depth: number) => ({ depth: String(depth) });

/** The first of each list is the chapter that explains the finding. */
export const REMEDIES: Record<Category, Remedy[]> = {
  vanishing: [
    remedy(saturationSpec, depthOnly, { en: 'Why a deep sigmoid network’s early layers get almost no gradient.', zh: '为什么深层 sigmoid 网络的前几层几乎得不到梯度。' }),
    remedy(activationSpec, depthOnly, { en: 'An activation whose derivative is not capped at 1/4.', zh: '换一个导数不被限制在 1/4 以内的激活函数。' }),
    remedy(initializationSpec, depthOnly, { en: 'Weights scaled so each layer keeps the signal’s size.', zh: '按层缩放初始权重，让信号大小逐层保持不变。' }),
    remedy(batchnormSpec, depthOnly, { en: 'Normalising each layer’s input keeps it out of the flat tails.', zh: '对每层的输入做归一化，让它远离平坦区。' }),
    remedy(residualSpec, depthOnly, { en: 'Skip connections give the gradient a path around each layer.', zh: '跳跃连接让梯度绕过每一层直接往回传。' }),
  ],
  exploding: [
    remedy(explosionSpec, depthOnly, { en: 'How norms grow layer after layer until a value overflows.', zh: '范数如何逐层增大，直到某个值溢出。' }),
    remedy(clippingSpec, depthOnly, { en: 'Clipping by global norm caps each step’s length.', zh: '按全局范数裁剪，限制每一步更新的长度。' }),
    remedy(initializationSpec, (d) => ({ depth: String(d), activation: 'relu' }), { en: 'An initialisation that keeps norms steady from the start.', zh: '一开始就让范数保持稳定的初始化方法。' }),
  ],
  dead: [
    remedy(activationSpec, (d) => ({ depth: String(d), activation: 'relu', compare: 'true' }), { en: 'ReLUs that output 0 for every input stop learning; leaky ReLU keeps a slope.', zh: '对所有输入都输出 0 的 ReLU 不再学习；Leaky ReLU 保留了一点斜率。' }),
    remedy(initializationSpec, (d) => ({ depth: String(d), activation: 'relu' }), { en: 'He initialisation starts ReLU layers at a size that keeps units alive.', zh: 'He 初始化让 ReLU 层一开始就处在能保持神经元存活的尺度。' }),
  ],
  saturation: [
    remedy(saturationSpec, (d) => ({ depth: String(d), sigma: '3' }), { en: 'Large weights push pre-activations into the flat tails.', zh: '权重太大时，预激活值被推进平坦区。' }),
    remedy(batchnormSpec, depthOnly, { en: 'Batch normalisation re-centres each layer’s input.', zh: '批量归一化把每层的输入重新拉回中心。' }),
  ],
};

/** The remedy's widget with the log's depth: `?<widget>.depth=…#widget-<id>` on the chapter's URL. */
export function remedyHref(r: Remedy, chapterUrl: string, depth: number): { href: string; values: Record<string, unknown> } {
  const { values } = coerceParams(r.spec.params, r.values(depth));
  const seed = r.spec.seed ?? SEED_PARAM.default;
  const query = withWidgetState('', r.spec.id, r.spec.params, values, seed, r.spec.seed);
  return { href: `${chapterUrl}${query}#widget-${r.spec.id}`, values };
}
