/**
 * f(x) and f′(x) over a range (an activation and its derivative), with
 * optional horizontal reference lines (e.g. y = 1/4, "σ′ ≤ 1/4"). A thin layer
 * over the line chart: the functions are sampled, the table lists every k-th
 * sample.
 */
import { createLineChart, type LineChart, type RefLine } from './line.ts';
import type { TableLabels } from './data-table.ts';
import type { Lang } from '../i18n/locales.ts';
import type { ChartRun } from './runs.ts';
import type { Domain } from './ticks.ts';

export interface PlotFunction {
  key: string;
  label: string;
  fn: (x: number) => number;
  color?: string;
  dash?: string;
  /** the run (a key of `runs`) whose activation this is: it takes the run's dash */
  run?: string;
}

export interface FunctionPlotOptions {
  name: string;
  title: string;
  xLabel: string;
  yLabel: string;
  table: TableLabels;
  locale: Lang;
  /** x range, e.g. [-6, 6] */
  xDomain: Domain;
  /** y range; default fits the functions (and references) */
  yDomain?: Domain;
  functions: PlotFunction[];
  /** runs whose functions are drawn together (same label, same colour; each run its dash) */
  runs?: ChartRun[];
  references?: RefLine[];
  /** drawing resolution (default 240 intervals; x = 0 is always a sample) */
  samples?: number;
  /** table rows (default 25 evenly spaced samples) */
  tableRows?: number;
  height?: number;
}

export interface FunctionPlot {
  readonly element: HTMLElement;
  /** change the functions (e.g. leaky-ReLU slope k) and/or the reference lines */
  update(next: { functions?: PlotFunction[]; references?: RefLine[] }): void;
  destroy(): void;
}

/**
 * Sample points for [a, b]: `n` equal intervals, plus x = 0 when inside (so
 * kinks at 0 are drawn where they are).
 */
export function sampleXs(domain: Domain, n: number): number[] {
  const [a, b] = domain;
  const m = Math.max(2, Math.floor(n));
  const xs = Array.from({ length: m + 1 }, (_, i) => a + ((b - a) * i) / m);
  if (a < 0 && b > 0 && !xs.some((x) => Math.abs(x) < 1e-12)) {
    xs.push(0);
    xs.sort((p, q) => p - q);
  }
  return xs.map((x) => (Math.abs(x) < 1e-12 ? 0 : x));
}

const toSeries = ({ key, label, color, dash, run }: PlotFunction) => ({ key, label, color, dash, ...(run ? { run } : {}) });

export function createFunctionPlot(container: HTMLElement, opts: FunctionPlotOptions): FunctionPlot {
  let functions = opts.functions.slice();
  let references = opts.references ?? [];
  const xs = sampleXs(opts.xDomain, opts.samples ?? 240);
  const chart: LineChart = createLineChart(container, {
    name: opts.name,
    title: opts.title,
    xLabel: opts.xLabel,
    yLabel: opts.yLabel,
    yScale: 'linear',
    series: functions.map(toSeries),
    ...(opts.runs?.length ? { runs: opts.runs } : {}),
    table: opts.table,
    locale: opts.locale,
    xDomain: opts.xDomain,
    yDomain: opts.yDomain,
    xInteger: false,
    references,
    tableRows: opts.tableRows ?? 25,
    tableMode: 'stride',
    height: opts.height,
  });

  function sample() {
    return xs.map((x) => {
      const values: Record<string, number> = {};
      for (const f of functions) values[f.key] = f.fn(x);
      return { x, values };
    });
  }

  chart.update(sample(), { references });

  return {
    element: chart.element,
    update(next) {
      if (next.functions) {
        functions = next.functions.slice();
        chart.setSeries(functions.map(toSeries));
      }
      if (next.references) references = next.references;
      chart.update(sample(), { references });
    },
    destroy: () => chart.destroy(),
  };
}
