/**
 * What the gradient transforms (clipping, train/clipping.ts) did to a step's
 * gradient g, measured against the update direction u they hand the optimiser:
 * the share of entries they changed, and cos∠(u, g). Clipping by value changes
 * the entries above the threshold and with them the direction (cosine < 1);
 * clipping by global norm scales every entry by one factor (cosine 1).
 *
 * A plug-in (TrainerConfig.plugins), on whenever the trainer has transforms.
 * Cost: per shape group of parameters, g and u stacked as rows and three sums
 * (g·u, u², changed entries) in one [3] row, added over the groups; one
 * entry of the step's readback. ‖g‖² comes from the trainer (ReadContext.gradSq).
 */
import * as tf from '@tensorflow/tfjs-core';
import { groupBy, shapeKey, stackRows } from '../batched';
import { defineMetric } from './types';

declare module '../../frame' {
  interface StepMetrics {
    /** Share of gradient entries the transforms changed (clipping by value: the entries clipped), 0…1. */
    clippedShare?: number;
    /** cos∠(update after the transforms, raw gradient): 1 when the direction is kept. */
    clipCosine?: number;
  }
}

export const clipEffect = defineMetric({
  id: 'clipEffect',
  fields: [
    { per: 'step', key: 'clippedShare', label: { en: 'Share of gradient entries changed by clipping', zh: '被裁剪改变的梯度分量占比' } },
    { per: 'step', key: 'clipCosine', label: { en: 'cos(clipped, raw gradient)', zh: '裁剪后与原梯度的夹角余弦' } },
  ],
  reads: ['gradients', 'update'],
  when: (_, setup) => setup.transforms,
  pack(t, _, out) {
    const update = t.update!;
    const parts = groupBy(t.grads, shapeKey).map(({ indices, items }) => {
      const g = stackRows(items);
      const u = stackRows(indices.map((i) => update[i]!));
      // tf.step(x) is 1 for x > 0: an entry counts as changed when u ≠ g.
      return tf.stack([tf.sum(tf.mul(g, u)), tf.sum(tf.square(u)), tf.sum(tf.step(tf.abs(tf.sub(g, u))))]);
    });
    out.add('clip', parts.length === 1 ? parts[0]! : tf.addN(parts));
  },
  read(v, _, ctx, frame) {
    const [dot, uSq, changed] = v.array('clip') as [number, number, number];
    // Both g and u carry the loss scale s (SGD's η): dot and uSq are s² too, gradSq is not.
    const s2 = ctx.lossScale ** 2;
    const gNorm = Math.sqrt(ctx.gradSq.reduce((a, x) => a + x, 0));
    const entries = ctx.params.reduce((n, p) => n + p.variable.size, 0);
    frame.clippedShare = changed / entries;
    // 0/0 (a zero gradient) stays NaN: no direction to compare.
    frame.clipCosine = dot / s2 / (gNorm * Math.sqrt(uSq / s2));
  },
});
