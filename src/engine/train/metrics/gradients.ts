/**
 * Gradient norms. The squared norms of every gradient are packed once by the
 * trainer (it needs them for its own checks and for clipping's global norm)
 * and handed over corrected (ReadContext.gradSq): these metrics only
 * combine them, per layer and over the model.
 */
import { sumOfRows } from '../batched';
import { squaredNormRows } from '../stats';
import { defineMetric } from './types';

/** ‖∂L/∂W‖ and ‖∂L/∂b‖ per layer (all its weights, resp. biases, together) and ‖∂L/∂θ‖ over the model; always on. */
export const gradNorms = defineMetric({
  id: 'gradNorms',
  fields: [
    { per: 'layer', key: 'gradNormW', label: { en: 'Weight gradient norm ‖∂L/∂W‖', zh: '权重梯度范数 ‖∂L/∂W‖' } },
    { per: 'layer', key: 'gradNormB', label: { en: 'Bias gradient norm ‖∂L/∂b‖', zh: '偏置梯度范数 ‖∂L/∂b‖' } },
    { per: 'step', key: 'globalNorm', label: { en: 'Global gradient norm ‖∂L/∂θ‖', zh: '全局梯度范数 ‖∂L/∂θ‖' } },
  ],
  reads: ['gradients'],
  when: () => true,
  pack: () => {},
  read: (_v, _, ctx, frame) => {
    ctx.layers.forEach((layer, i) => {
      const lf = frame.layers[i]!;
      lf.gradNormW = ctx.normOf(layer.weights, ctx.gradSq);
      lf.gradNormB = ctx.normOf(layer.biases, ctx.gradSq);
    });
    frame.globalNorm = Math.sqrt(ctx.gradSq.reduce((s, x) => s + x, 0));
  },
  checked: (frame) => [frame.globalNorm, ...frame.layers.flatMap((l) => [l.gradNormW, l.gradNormB])],
});

/** ‖update direction‖ after the gradient transforms (clipping), when there are any. */
export const appliedNorm = defineMetric({
  id: 'appliedNorm',
  fields: [{ per: 'step', key: 'appliedNorm', label: { en: 'Gradient norm after clipping', zh: '裁剪后的梯度范数' } }],
  reads: ['update'],
  when: (_, setup) => setup.transforms,
  pack: (t, _, out) => out.add('sq', sumOfRows(squaredNormRows(t.update!))),
  read: (v, _, ctx, frame) => (frame.appliedNorm = Math.sqrt(v.scalar('sq') / ctx.lossScale ** 2)),
  checked: (frame) => [frame.appliedNorm!],
});

/** ‖∂L/∂h‖ per layer, h = the layer's output, over the batch (from the probes on it). */
export const probes = defineMetric<'probes', true>({
  id: 'probes',
  fields: [{ per: 'layer', key: 'gradNormAct', label: { en: 'Backward signal ‖∂L/∂h‖', zh: '反向信号 ‖∂L/∂h‖' } }],
  reads: ['probeGradients'],
  pack: () => {},
  read: (_v, _, ctx, frame) => {
    ctx.layers.forEach((layer, i) => {
      frame.layers[i]!.gradNormAct = Math.sqrt(ctx.probes.reduce((s, p, k) => s + (p.layer === layer.name && p.time === undefined ? ctx.probeSq[k]! : 0), 0));
    });
  },
  checked: (frame) => frame.layers.map((l) => l.gradNormAct!),
});
