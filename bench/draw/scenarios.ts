/**
 * The draw bench's scenarios: each widget's charts, built with two runs as its view builds
 * them, and the synthetic per-step values that feed them (deterministic, no training).
 */
import type * as Charts from '../../src/charts/index.ts';
import type { Bins, ChartRun, StepPoint, TableLabels } from '../../src/charts/index.ts';

export interface BuildContext {
  charts: typeof Charts;
  /** a fresh container for one chart */
  slot: () => HTMLElement;
  table: TableLabels;
  /** how a chart that draws in batches (the histogram grid) runs its next one: a timed task, as in a widget */
  nextTask: (chart: string) => (batch: () => void) => void;
}

/** Called once per tick with both runs' histories so far (run a, run b) and the tick index. */
export type Update = (history: readonly StepPoint[][], tick: number) => boolean | void;

export interface Scenario {
  steps: number;
  /** one step's values for run 0 or 1 */
  sample(run: number, step: number): Record<string, number>;
  build(c: BuildContext): Record<string, Update>;
}

const RUNS: ChartRun[] = [
  { key: 'a', label: 'A · Sigmoid · Xavier' },
  { key: 'b', label: 'B · ReLU · He' },
];
const layerKeys = (n: number, prefix = 'L') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const marks = { nonFinite: 'NaN or ∞ (off the chart)', nonPositive: '0 (below the log axis)' };

/** A cheap deterministic wobble in [-1, 1]. */
const wobble = (run: number, step: number, i: number) => Math.sin(step * 0.37 + i * 1.7 + run * 2.3);

/** Norms that fall by `decay` decades per layer towards the input, drifting with the step. */
function layerNorms(run: number, step: number, n: number, decay: number, prefix = 'L'): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) out[`${prefix}${i + 1}`] = 10 ** (-(n - 1 - i) * decay - step / 400 + 0.2 * wobble(run, step, i));
  return out;
}

const lastValues = (h: readonly StepPoint[], keys: readonly string[]) => keys.map((k) => h[h.length - 1]?.values[k]);

function lossChart(c: BuildContext, yScale: 'log' | 'linear', steps: number): Update {
  const chart = c.charts.createLineChart(c.slot(), {
    name: 'loss', title: 'Training loss', xLabel: 'Step', yLabel: 'Loss', yScale, table: c.table, locale: 'en',
    runs: RUNS, xDomain: [0, steps], marks,
    series: RUNS.map((r) => ({ key: `${r.key}:loss`, label: 'Loss', run: r.key })),
  });
  return (h) => chart.update(merge(h, ['loss']));
}

/** Both runs' histories as one StepPoint list with keys `<run>:<key>` (how a view lays two runs on one chart). */
const merged = new WeakMap<StepPoint, StepPoint>();
function merge(h: readonly StepPoint[][], keys: readonly string[]): StepPoint[] {
  const [a = [], b = []] = h;
  return a.map((p, i) => {
    let m = merged.get(p);
    if (!m) {
      const values: StepPoint['values'] = {};
      for (const k of keys) {
        values[`a:${k}`] = p.values[k];
        values[`b:${k}`] = b[i]?.values[k];
      }
      m = { x: p.x, values };
      merged.set(p, m);
    }
    return m;
  });
}

function barsChart(c: BuildContext, layers: number, kinds: { key: string; label: string }[]): Update {
  const chart = c.charts.createLogBarChart(c.slot(), {
    name: 'grad-norms', title: 'Gradient norm per layer', xLabel: 'Layer', yLabel: '‖∂L/∂W‖', table: c.table, locale: 'en', marks,
    runs: RUNS,
    groups: RUNS.flatMap((r) => kinds.map((k) => ({ key: `${r.key}:${k.key}`, label: k.label, run: r.key }))),
  });
  return (h) => {
    const values: Record<string, (number | null | undefined)[]> = {};
    RUNS.forEach((r, ri) => {
      for (const k of kinds) values[`${r.key}:${k.key}`] = lastValues(h[ri]!, layerKeys(layers, k.key === 'w' ? 'L' : `${k.key}L`));
    });
    chart.update({ values });
  };
}

const gradientFlow: Scenario = {
  steps: 400,
  sample: (run, step) => ({
    ...layerNorms(run, step, 21, run === 0 ? 0.45 : 0.02),
    ...layerNorms(run, step, 21, run === 0 ? 0.4 : 0.03, 'bL'),
    loss: 0.25 * Math.exp(-step / (run === 0 ? 2000 : 150)) + 0.01 * wobble(run, step, 0),
  }),
  build(c) {
    const layers = 21;
    const rows = layerKeys(layers).map((key, i) => ({ key, label: `L${i + 1}` }));
    const shared = c.charts.createSharedLogDomain?.();
    const heatmaps = RUNS.map((r) =>
      c.charts.createHeatmap(c.slot(), {
        name: 'grad-norm-history', run: r.key, title: `‖∂L/∂W‖ per layer and step — ${r.label}`, xLabel: 'Step', yLabel: 'Layer',
        colorLabel: '‖∂L/∂W‖', rows, table: c.table, locale: 'en', marks, xDomain: [0, 400], ...(shared ? { domain: shared } : {}),
      }),
    );
    return {
      bars: barsChart(c, layers, [{ key: 'w', label: 'weights' }, { key: 'b', label: 'biases' }]),
      heatmap: (h) => heatmaps.forEach((m, i) => m.update(h[i]!)),
      line: lossChart(c, 'linear', 400),
    };
  },
};

const explosion: Scenario = {
  steps: 300,
  sample: (run, step) => {
    const diverged = run === 0 && step >= 250;
    const norms = layerNorms(run, step, 13, run === 0 ? -0.6 : -0.05);
    if (diverged) for (const k of Object.keys(norms)) norms[k] = NaN;
    return { ...norms, loss: diverged ? NaN : 0.3 * 1.02 ** (run === 0 ? step : -step) };
  },
  build(c) {
    const layers = 13;
    const keys = layerKeys(layers);
    const lines = c.charts.createLineChart(c.slot(), {
      name: 'grad-norm-history', title: '‖∂L/∂a‖ per layer', xLabel: 'Step', yLabel: '‖∂L/∂a‖', yScale: 'log', table: c.table, locale: 'en',
      runs: RUNS, xDomain: [0, 300], marks,
      series: RUNS.flatMap((r) => keys.map((k) => ({ key: `${r.key}:${k}`, label: k, run: r.key }))),
    });
    return {
      bars: barsChart(c, layers, [{ key: 'w', label: '‖∂L/∂a‖' }]),
      line: (h) => lines.update(merge(h, keys), { vlines: h[0]!.length > 250 ? [{ x: 250, label: 'A diverged' }] : [] }),
      loss: lossChart(c, 'log', 300),
    };
  },
};

/** 48 bins over [-8, 8] of a normal that spreads as the run saturates. */
function bins(run: number, step: number, layer: number): Bins {
  const n = 48;
  const sd = 0.8 + layer * (run === 0 ? 0.35 : 0.08) + step / 300;
  const mu = 0.5 * wobble(run, step, layer);
  const counts = Array.from({ length: n }, (_, i) => {
    const x = -8 + (16 * (i + 0.5)) / n;
    return Math.round(256 * Math.exp(-0.5 * ((x - mu) / sd) ** 2) / sd);
  });
  return { lo: -8, hi: 8, counts };
}

const saturation: Scenario = {
  steps: 400,
  sample: (run, step) => ({ ...layerNorms(run, step, 12, run === 0 ? 0.5 : 0.1), loss: 0.25 }),
  build(c) {
    const panels = layerKeys(11).map((key, i) => ({ key, label: `Layer ${i + 1}` }));
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const grid = c.charts.createHistogramGrid(c.slot(), {
      name: 'pre-activations', title: 'Pre-activations per layer', xLabel: 'z', yLabel: 'share', locale: 'en', yMode: 'share', sharedY: false,
      table: { ...c.table, lo: 'from', hi: 'to', count: 'count', panel: 'Layer' },
      overlay: { label: 'σ′(z)', fn: (z) => sigma(z) * (1 - sigma(z)), yDomain: [0, 0.25] },
      runs: RUNS, panels, nextTask: c.nextTask('histogram-grid'),
    });
    const fns = (k: number) => [
      { key: 'f', label: 'σ(z)', fn: (z: number) => sigma(k * z) },
      { key: 'df', label: 'σ′(z)', fn: (z: number) => k * sigma(k * z) * (1 - sigma(k * z)) },
    ];
    const plot = c.charts.createFunctionPlot(c.slot(), {
      name: 'activation', title: 'σ and σ′', xLabel: 'z', yLabel: 'f(z)', table: c.table, locale: 'en', xDomain: [-8, 8], yDomain: [0, 1.05],
      functions: fns(1), references: [{ y: 0.25, label: 'σ′ ≤ 1/4' }],
    });
    const byPanel = (run: number, step: number) => Object.fromEntries(panels.map((p, i) => [p.key, bins(run, step, i)]));
    return {
      bars: barsChart(c, 12, [{ key: 'w', label: 'weights' }]),
      // the view repaints its histograms every 300 ms (saturation/view.ts): every third tick
      'histogram-grid': (h, tick) => {
        if (tick % 3) return false;
        const step = h[0]!.length;
        grid.update(byPanel(0, step), byPanel(1, step));
      },
      // a control change (e.g. a slope slider) once a second
      'function-plot': (_h, tick) => {
        if (tick % 10) return false;
        plot.update({ functions: fns(1 + (tick % 3) / 4) });
      },
    };
  },
};

export const SCENARIOS = { 'gradient-flow': gradientFlow, saturation, explosion } as const;
export type ScenarioId = keyof typeof SCENARIOS;
