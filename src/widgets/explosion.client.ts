/**
 * Exploding-gradients widget: ‖∂L/∂a‖ grows by about the weight scale per layer on its way
 * back to the input (with ReLU, ‖∂L/∂W‖ stays flatter), until a value is no longer finite.
 */
import { formatNumber } from '../charts/format';
import { createLineChart } from '../charts/line';
import { createLogBarChart } from '../charts/log-bars';
import { mountWidget } from '../runtime/controller';
import { format } from '../i18n/ui';
import { layerKeys, layerLabel, lossChart, marks, perLayer, chartsPerRun, readout, stepHistory, layerCount, tableLabels } from './view-kit';

/** Geometric mean of the layer-to-layer ratio of gradient norms, input side over output side. */
function growthPerLayer(norms: number[]): number {
  const first = norms[0]!;
  const last = norms[norms.length - 1]!;
  return (first / last) ** (1 / Math.max(1, norms.length - 1));
}

export function mount(root: HTMLElement) {
  mountWidget(root, ({ s, lang, slot, values }) => {
    const normHistory = stepHistory((f) => perLayer(f, (l) => l.gradNormAct));
    const lossHistory = stepHistory((f) => ({ loss: f.loss }));
    let lastFinite: number[] | undefined;
    const showGrowth = readout(slot('bars'));

    const charts = chartsPerRun({
      bars: () => createLogBarChart(slot('bars'), {
        name: 'grad-norms', title: s.explosion.bars, xLabel: s.axis.layer, yLabel: s.axis.gradAct,
        groups: [{ key: 'a', label: s.series.outputs }], categoryLabel: (i) => layerLabel(s, i),
        table: tableLabels(s, s.table.layer), locale: lang, marks: marks(s),
      }),
      lines: (layers) => createLineChart(slot('lines'), {
        name: 'grad-norm-history', title: s.explosion.lines, xLabel: s.axis.step, yLabel: s.axis.gradAct, yScale: 'log',
        series: layerKeys(s, layers),
        table: tableLabels(s, s.table.step), locale: lang, xInteger: true, marks: marks(s),
      }),
      loss: () => lossChart(slot('loss'), s, lang, s.explosion.loss, 'log'),
    });

    return {
      reset() {
        charts.clear();
        charts.build(layerCount(values()));
        normHistory.clear();
        lossHistory.clear();
        lastFinite = undefined;
        showGrowth('');
      },
      draw(frames) {
        const latest = frames.at(-1)!;
        const { charts: c, pending } = charts.get();
        const vlines = latest.diverged ? [{ x: latest.diverged.step, label: s.explosion.diverged }] : [];
        c.lines?.update(normHistory.update(frames), { vlines });
        c.loss?.update(lossHistory.update(frames), { vlines });
        // The bars keep the last step whose norms were all finite: the growth across layers
        // stays readable after the run has diverged.
        const norms = latest.layers.map((l) => l.gradNormAct ?? NaN);
        if (norms.every((n) => Number.isFinite(n) && n > 0)) lastFinite = norms;
        c.bars?.update({ values: { a: lastFinite ?? norms } });
        if (lastFinite) showGrowth(format(s.explosion.growth, { factor: formatNumber(growthPerLayer(lastFinite), lang) }));
        return pending;
      },
    };
  });
}
