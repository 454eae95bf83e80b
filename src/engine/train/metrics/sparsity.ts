/**
 * How many weights a penalty has driven to (about) zero: per layer and over all weights, the
 * share with |w| below the option's threshold, after the step's update. Weights only, not
 * biases (the penalties leave biases alone: regularization.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { defineMetric } from './types';

export const sparsity = defineMetric<'sparsity', number>({
  id: 'sparsity',
  fields: [
    { per: 'step', key: 'overallSparsity', label: { en: 'Share of weights with |w| below the threshold', zh: '|w| 小于阈值的权重所占比例' } },
    { per: 'layer', key: 'sparsity', label: { en: 'Share of the layer’s weights with |w| below the threshold', zh: '该层 |w| 小于阈值的权重所占比例' } },
  ],
  reads: ['weights'],
  when: (option) => typeof option === 'number' && option > 0,
  pack: (t, threshold, out) => {
    const weights = t.params.filter((p) => p.role === 'weight');
    out.add('small', tf.stack(weights.map((p) => tf.sum(tf.cast(tf.less(tf.abs(p.variable), threshold), 'float32')))));
  },
  read: (v, _, ctx, frame) => {
    const small = v.array('small');
    const weights = ctx.params.filter((p) => p.role === 'weight');
    const count = new Map(weights.map((p, i) => [p.name, small[i]!]));
    const size = new Map(weights.map((p) => [p.name, p.variable.size]));
    const share = (names: readonly string[]) => {
      const n = names.reduce((s, name) => s + (size.get(name) ?? 0), 0);
      return n ? names.reduce((s, name) => s + (count.get(name) ?? 0), 0) / n : 0;
    };
    ctx.layers.forEach((layer, i) => (frame.layers[i]!.sparsity = share(layer.weights)));
    frame.overallSparsity = share(weights.map((p) => p.name));
  },
});
