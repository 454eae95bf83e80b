/** What the recorded layers computed: statistics of a = f(z), and histograms of z. */
import type { HistogramSpec } from '../histogram';
import { histogramOf } from '../histogram';
import type { PackSink } from '../packer';
import { activationStatRows } from '../stats';
import { defineMetric, type StepTensors } from './types';

const packStats = (t: StepTensors, out: PackSink, exact: boolean) => {
  if (t.recorded.length) out.addRows('rows', activationStatRows(t.recorded, { exact }));
};

/** Mean, std, saturated and dead shares of each recorded layer's activations (stats.activationStats). */
export const activations = defineMetric<'activations', true>({
  id: 'activations',
  fields: [{ per: 'layer', key: 'act', label: { en: 'Activation statistics', zh: '激活值统计' } }],
  reads: ['records'],
  pack: (t, _, out) => packStats(t, out, false),
  // The fast flat masks give NaN shares where z holds a NaN; act.flat's exact ones do not.
  packExact: (t, _, out) => packStats(t, out, true),
  read: (v, _, ctx, frame) => {
    if (!v.has('rows')) return;
    v.rows('rows', ctx.recorded.length).forEach(([mean, std, saturated, dead], r) => {
      frame.layers[ctx.recorded[r]!.index]!.act = { mean: mean!, std: std!, saturated: saturated!, dead: dead! };
    });
  },
  // Not std: it may overflow where the values themselves are finite.
  checked: (frame) => frame.layers.flatMap((l) => (l.act ? [l.act.mean, l.act.saturated, l.act.dead] : [])),
});

/** Each recorded layer's z over fixed bins, counted in JS from the readback (histogram.ts). */
export const histogram = defineMetric<'histogram', HistogramSpec>({
  id: 'histogram',
  fields: [{ per: 'layer', key: 'histogram', label: { en: 'Histogram of the pre-activations z', zh: '激活前的值 z 的直方图' } }],
  reads: ['records'],
  pack: (t, _, out) => t.recorded.forEach((r, i) => out.add(String(i), r.z)),
  read: (v, spec, ctx, frame) => ctx.recorded.forEach((l, i) => (frame.layers[l.index]!.histogram = histogramOf(v.view(String(i)), spec))),
});
