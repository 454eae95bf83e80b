/** Vanishing-gradients widget: where each layer's pre-activations sit on σ, and what σ′ lets through. */
import { formatNumber } from '../charts/format';
import { createFunctionPlot } from '../charts/function-plot';
import { createHistogramGrid } from '../charts/histogram';
import { createLogBarChart } from '../charts/log-bars';
import { activationMath } from '../engine/activation-math';
import { mountWidget } from '../runtime/controller';
import { format } from '../i18n/ui';
import type { Frame } from '../engine/frame';
import { throttled, layerCount, layerLabel, marks, orders, chartsPerRun, readout, tableLabels } from './view-kit';

const HISTOGRAM_INTERVAL_MS = 300;

export function mount(root: HTMLElement) {
  mountWidget(root, ({ s, lang, slot, values }) => {
    const showRatio = readout(slot('bars'));
    let panelLabels = '';
    const percent = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.01 ? 1 : 0)}%`;

    const act = () => activationMath[values()['activation'] as 'sigmoid' | 'tanh'];
    const charts = chartsPerRun({
      bars: () => createLogBarChart(slot('bars'), {
        name: 'grad-norms', title: s.saturation.bars, xLabel: s.axis.layer, yLabel: s.axis.gradNorm,
        groups: [{ key: 'w', label: s.series.weights }], categoryLabel: (i) => layerLabel(s, i),
        table: tableLabels(s, s.table.layer), locale: lang, marks: marks(s),
      }),
      fn: () => createFunctionPlot(slot('activation'), {
        name: 'activation', title: s.saturation.activation, xLabel: 'z', yLabel: 'f(z), f′(z)',
        table: tableLabels(s, 'z'), locale: lang, xDomain: [-8, 8], yDomain: [act().f(-8) < 0 ? -1.05 : 0, 1.05],
        functions: [
          { key: 'f', label: `${s.saturation.f} f(z)`, fn: act().f },
          { key: 'df', label: `${s.saturation.fprime} f′(z)`, fn: act().df },
        ],
        references: [{ y: act().peakSlope, label: format(s.saturation.peak, { value: act().peakSlope === 0.25 ? '1/4' : String(act().peakSlope) }) }],
      }),
      histograms: (layers) => createHistogramGrid(slot('histograms'), {
        name: 'pre-activations', title: s.saturation.histograms, xLabel: s.axis.preActivation, yLabel: s.axis.count,
        table: { ...tableLabels(s), lo: s.table.from, hi: s.table.to, count: s.table.count, panel: s.table.layer },
        locale: lang, yMode: 'share', overlay: { label: 'f′(z)', fn: act().df, yDomain: [0, act().peakSlope] },
        sharedY: false,
        panels: Array.from({ length: layers - 1 }, (_, i) => ({ key: `L${i + 1}`, label: layerLabel(s, i) })),
      }),
    });

    /** Ten panels of bins are the costliest drawing here: repaint them a few times a second, last frame always. */
    const histograms = throttled(HISTOGRAM_INTERVAL_MS, (frame: Frame) => {
      const grid = charts.get().charts.histograms;
      if (!grid) return;
      // hidden layers only: the output layer's z are logits, not inputs to σ
      const hidden = frame.layers.slice(0, -1).filter((l) => l.histogram);
      const panels = hidden.map((l, i) => ({
        key: `L${i + 1}`,
        label: format(s.saturation.panel, { n: i + 1, share: percent(l.act?.saturated ?? 0) }),
      }));
      const labels = panels.map((p) => p.label).join('|');
      if (labels !== panelLabels) {
        panelLabels = labels;
        grid.setPanels(panels);
      }
      grid.update(Object.fromEntries(hidden.map((l, i) => [`L${i + 1}`, l.histogram!])));
    });

    return {
      reset() {
        histograms.cancel();
        charts.clear();
        charts.build(layerCount(values()));
        panelLabels = '';
        showRatio('');
      },
      draw(frames) {
        const latest = frames.at(-1)!;
        const { charts: c, pending } = charts.get();
        c.bars?.update({ values: { w: latest.layers.map((l) => l.gradNormW) } });
        const withHist = frames.findLast((f) => f.layers.some((l) => l.histogram));
        if (withHist && c.histograms) histograms.show(withHist);
        const ratio = latest.extras?.['firstOverLast'];
        const start = frames[0]!.extras?.['firstOverLast'];
        if (start !== undefined && ratio !== undefined) {
          showRatio(format(s.saturation.ratio, { start: formatNumber(start, lang), orders: orders(start), ratio: formatNumber(ratio, lang) }));
        }
        return pending;
      },
    };
  });
}
