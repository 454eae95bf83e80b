/**
 * A histogram panel per hidden layer of what enters its activation, f′ drawn
 * over the bins, each panel labelled with run A's saturated share; run B's
 * bins beside run A's. Ten or more panels are the costliest drawing of a
 * view, so they repaint a few times a second (the last frame always), in
 * batches of their own tasks (`later`).
 */
import { formatPercent } from '../charts/format';
import { createHistogramGrid, type HistogramGrid } from '../charts/histogram';
import { throttled } from '../charts/throttle';
import type { RunShape } from '../engine/experiments/types';
import type { ScalarActivation } from '../engine/activation-math';
import type { Frame } from '../engine/frame';
import { format } from '../i18n/ui';
import type { Lang } from '../i18n/locales';
import type { WidgetStrings } from '../i18n/widget-strings';
import type { RunFrames } from './types';
import { chartRuns, layerLabel, tableLabels } from './view-kit';

const HISTOGRAM_INTERVAL_MS = 300;

export function preActivationPanels(
  ctx: { s: WidgetStrings; lang: Lang; later: (key: string, update: () => void) => void },
  o: { title: string; panel: string; act: () => ScalarActivation },
) {
  const { s, lang, later } = ctx;
  let grid: HistogramGrid | undefined;
  let panelLabels = '';

  /** Each hidden layer's bins (the output layer's z are logits, not inputs to f), and its panel label. */
  const hiddenBins = (frame: Frame) => {
    const hidden = frame.layers.slice(0, -1).filter((l) => l.histogram);
    return {
      bins: Object.fromEntries(hidden.map((l, i) => [`L${i + 1}`, l.histogram!])),
      panels: hidden.map((l, i) => ({ key: `L${i + 1}`, label: format(o.panel, { n: i + 1, share: formatPercent(l.act?.saturated ?? 0) }) })),
    };
  };
  const paint = throttled(HISTOGRAM_INTERVAL_MS, ([a, b]: [Frame, Frame | undefined]) => later('histograms', () => {
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
    /** The grid for a session's runs (a chartsPerSession builder). */
    build(el: HTMLElement, runs: readonly RunShape[]): HistogramGrid {
      const act = o.act();
      panelLabels = '';
      grid = createHistogramGrid(el, {
        name: 'pre-activations', title: o.title, xLabel: s.axis.preActivation, yLabel: s.axis.count,
        table: { ...tableLabels(s), lo: s.table.from, hi: s.table.to, count: s.table.count, panel: s.table.layer },
        locale: lang, yMode: 'share', overlay: { label: 'f′(z)', fn: act.df, yDomain: [0, act.peakSlope] },
        sharedY: false, ...(runs.length > 1 ? { runs: chartRuns(runs, lang) } : {}), nextTask: (batch) => later('histogram-batch', batch),
        panels: runs[0]!.layers.slice(0, -1).map((_, i) => ({ key: `L${i + 1}`, label: layerLabel(s, i) })),
      });
      return grid;
    },
    /** Paints each run's latest frame that has histograms. */
    show(frames: RunFrames) {
      const [a, b] = [...frames.values()].map((list) => list.findLast((f) => f.layers.some((l) => l.histogram)));
      if (a && grid) paint.show([a, b]);
    },
    /** Drops a pending repaint and forgets the grid (a reset). */
    reset() {
      paint.cancel();
      grid = undefined;
    },
  };
}
