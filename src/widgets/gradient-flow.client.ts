/** Overview widget: per-layer gradient norms, live, for any depth / activation / init / gain. */
import { createHeatmap } from '../charts/heatmap';
import { createLogBarChart } from '../charts/log-bars';
import { formatNumber } from '../charts/format';
import { mountWidget } from '../runtime/controller';
import { format } from '../i18n/ui';
import { chartsPerRun, layerKeys, layerLabel, lossChart, marks, perLayer, readout, stepHistory, layerCount, tableLabels } from './view-kit';

export function mount(root: HTMLElement) {
  mountWidget(root, ({ s, lang, slot, values }) => {
    const normHistory = stepHistory((f) => perLayer(f, (l) => l.gradNormW));
    const lossHistory = stepHistory((f) => ({ loss: f.loss }));
    const showRatio = readout(slot('bars'));

    const charts = chartsPerRun({
      bars: () => createLogBarChart(slot('bars'), {
        name: 'grad-norms', title: s.gradientFlow.bars, xLabel: s.axis.layer, yLabel: s.axis.gradNorm,
        groups: [{ key: 'w', label: s.series.weights }, { key: 'b', label: s.series.biases }],
        categoryLabel: (i) => layerLabel(s, i), table: tableLabels(s, s.table.layer), locale: lang, marks: marks(s),
      }),
      heatmap: (layers) => createHeatmap(slot('heatmap'), {
        name: 'grad-norm-history', title: s.gradientFlow.heatmap, xLabel: s.axis.step, yLabel: s.axis.layer,
        colorLabel: '‖∂L/∂W‖', rows: layerKeys(s, layers),
        table: tableLabels(s, s.table.step), locale: lang, marks: marks(s),
      }),
      loss: () => lossChart(slot('loss'), s, lang, s.gradientFlow.loss, 'linear'),
    });

    return {
      reset() {
        charts.clear();
        charts.build(layerCount(values()));
        normHistory.clear();
        lossHistory.clear();
        showRatio('');
      },
      draw(frames) {
        const latest = frames.at(-1)!;
        const { charts: c, pending } = charts.get();
        c.bars?.update({ values: { w: latest.layers.map((l) => l.gradNormW), b: latest.layers.map((l) => l.gradNormB) } });
        c.heatmap?.update(normHistory.update(frames));
        c.loss?.update(lossHistory.update(frames));
        const start = frames[0]!.extras?.['firstOverLast'];
        const ratio = latest.extras?.['firstOverLast'];
        if (start !== undefined && ratio !== undefined) {
          showRatio(format(s.gradientFlow.ratio, { start: formatNumber(start, lang), ratio: formatNumber(ratio, lang) }));
        }
        return pending;
      },
    };
  });
}
