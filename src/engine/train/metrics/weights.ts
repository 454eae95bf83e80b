/** ‖W‖ per layer (all its weights together), after the step's update. */
import { squaredNormRows } from '../stats';
import { defineMetric } from './types';

export const weightNorms = defineMetric<'weightNorms', true>({
  id: 'weightNorms',
  fields: [{ per: 'layer', key: 'weightNorm', label: { en: 'Weight norm ‖W‖', zh: '权重范数 ‖W‖' } }],
  reads: ['weights'],
  pack: (t, _, out) => out.addRows('sq', squaredNormRows(t.params.map((p) => p.variable))),
  read: (v, _, ctx, frame) => {
    const sq = v.array('sq');
    ctx.layers.forEach((layer, i) => (frame.layers[i]!.weightNorm = ctx.normOf(layer.weights, sq)));
  },
  checked: (frame) => frame.layers.map((l) => l.weightNorm!),
});
