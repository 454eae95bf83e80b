/** Vanishing gradients: the activation and f′, each run's per-layer ‖∂L/∂W‖, and each hidden layer's z histogram. */
import { formatNumber } from '../../charts/format';
import { createFunctionPlot } from '../../charts/function-plot';
import { createHistogramGrid } from '../../charts/histogram';
import { throttled } from '../../charts/throttle';
import { activationMath } from '../../engine/activation-math';
import type { Frame } from '../../engine/frame';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartRuns, chartsPerSession, latestByRun, layerBars, layerLabel, orders, runReadouts, tableLabels, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

/** Ten panels of bins are the costliest drawing here: repaint them a few times a second, last frame always. */
const HISTOGRAM_INTERVAL_MS = 300;

const percent = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.01 ? 1 : 0)}%`;

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, values, later }) => {
  const readouts = runReadouts(slot('bars'));
  let labels = new Map<string, string>();
  let panelLabels = '';
  const act = () => activationMath[values().activation];

  const charts = chartsPerSession({
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    fn: () => createFunctionPlot(slot('activation'), {
      name: 'activation', title: w.activation, xLabel: 'z', yLabel: 'f(z), f′(z)',
      table: tableLabels(s, 'z'), locale: lang, xDomain: [-8, 8], yDomain: [act().f(-8) < 0 ? -1.05 : 0, 1.05],
      functions: [
        { key: 'f', label: `${w.f} f(z)`, fn: act().f },
        { key: 'df', label: `${w.fprime} f′(z)`, fn: act().df },
      ],
      references: [{ y: act().peakSlope, label: format(w.peak, { value: act().peakSlope === 0.25 ? '1/4' : String(act().peakSlope) }) }],
    }),
    // Hidden layers only: the output layer's z are logits, not inputs to σ.
    histograms: (runs) => createHistogramGrid(slot('histograms'), {
      name: 'pre-activations', title: w.histograms, xLabel: s.axis.preActivation, yLabel: s.axis.count,
      table: { ...tableLabels(s), lo: s.table.from, hi: s.table.to, count: s.table.count, panel: s.table.layer },
      locale: lang, yMode: 'share', overlay: { label: 'f′(z)', fn: act().df, yDomain: [0, act().peakSlope] },
      sharedY: false, ...(runs.length > 1 ? { runs: chartRuns(runs, lang) } : {}), nextTask: (batch) => later('histogram-batch', batch),
      panels: runs[0]!.layers.slice(0, -1).map((_, i) => ({ key: `L${i + 1}`, label: layerLabel(s, i) })),
    }),
  });

  /** Each hidden layer's bins, and its panel label (run A's saturated share). */
  const hiddenBins = (frame: Frame) => {
    const hidden = frame.layers.slice(0, -1).filter((l) => l.histogram);
    return {
      bins: Object.fromEntries(hidden.map((l, i) => [`L${i + 1}`, l.histogram!])),
      panels: hidden.map((l, i) => ({ key: `L${i + 1}`, label: format(w.panel, { n: i + 1, share: percent(l.act?.saturated ?? 0) }) })),
    };
  };
  const histograms = throttled(HISTOGRAM_INTERVAL_MS, ([a, b]: [Frame, Frame | undefined]) => later('histograms', () => {
    const grid = charts.get().charts.histograms;
    if (!grid) return;
    const first = hiddenBins(a);
    const text = first.panels.map((p) => p.label).join('|');
    if (text !== panelLabels) {
      panelLabels = text;
      grid.setPanels(first.panels);
    }
    grid.update(first.bins, b && hiddenBins(b).bins);
  }));

  return {
    reset(runs) {
      histograms.cancel();
      charts.clear();
      charts.build(runs);
      panelLabels = '';
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      later('bars', () => c.bars?.update({ values: latestByRun(frames, weightGradNorms) }));
      const [a, b] = [...frames.values()].map((list) => list.findLast((f) => f.layers.some((l) => l.histogram)));
      if (a && c.histograms) histograms.show([a, b]);
      for (const [run, list] of frames) {
        const start = list[0]?.extras?.['firstOverLast'];
        const ratio = list.at(-1)?.extras?.['firstOverLast'];
        if (start === undefined || ratio === undefined) continue;
        readouts.show(run, format(w.ratio, { run: labels.get(run)!, start: formatNumber(start, lang), orders: orders(start), ratio: formatNumber(ratio, lang) }));
      }
      return pending;
    },
  };
};
