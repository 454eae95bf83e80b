/**
 * The doctor's charts, built from the worker's columns with the site's chart functions:
 * the heatmap of every parameter's gradient norm, lines for the chosen ones, the global
 * norm, first ÷ last with the vanishing and exploding lines, the loss. Loaded with d3 only
 * once a log has been read.
 */
import { createHeatmap, type Heatmap } from '../charts/heatmap';
import { createLineChart, type LineChart, type StepPoint } from '../charts/line';
import { formatNumber } from '../charts/format';
import type { TableLabels } from '../charts/data-table';
import '../charts/charts.css';
import type { DoctorStrings } from '../i18n/doctor-strings';
import type { Lang } from '../i18n/locales';
import { format } from '../i18n/ui';
import type { WidgetStrings } from '../i18n/widget-strings';
import type { Analysis, ColumnSeries } from './analyze';
import type { Thresholds } from './thresholds';

export interface DoctorCharts {
  /** Lines for these names (heatmap row order). */
  choose(names: readonly string[]): void;
  thresholds(th: Thresholds): void;
  destroy(): void;
}

interface Ctx {
  lang: Lang;
  s: DoctorStrings;
  w: WidgetStrings;
  th: Thresholds;
  chosen: readonly string[];
}

const key = (row: number) => `p${row}`;

function points(x: Float64Array, series: Record<string, ColumnSeries>): StepPoint[] {
  return Array.from(x, (step, c) => ({ x: step, values: Object.fromEntries(Object.entries(series).map(([k, s]) => [k, s.ok[c] ? s.v[c]! : null])) }));
}

/** Each chart in a task of its own, as the widgets draw: input is handled between them. */
const nextTask = () => new Promise<void>((ok) => setTimeout(ok, 0));

/** Draws a chart and times it (`doctor:<name>` in the performance timeline, which the bench reads). */
function timed<T>(name: string, draw: () => T): T {
  const t0 = performance.now();
  try {
    return draw();
  } finally {
    performance.measure(`doctor:${name}`, { start: t0, end: performance.now() });
  }
}

export async function drawCharts(host: HTMLElement, a: Analysis, ctx: Ctx): Promise<DoctorCharts> {
  await nextTask(); // the verdict's text was set in this task
  const { lang, s, w } = ctx;
  const c = a.charts;
  const nCols = c.x.length;
  const table: TableLabels = { show: w.table.show, caption: w.table.captionAll, captionBounded: w.table.caption, rowHeader: w.table.step };
  const marks = { nonFinite: w.marks.nonFinite, nonPositive: w.marks.nonPositive };
  const slot = (name: string) => {
    const el = host.ownerDocument.createElement('div');
    el.className = 'doctor-chart';
    el.dataset['chart'] = name;
    host.append(el);
    return el;
  };
  const rows = c.rows.map((nameIdx, r) => ({ key: key(r), label: c.names[nameIdx]! }));
  const xDomain: [number, number] = [c.x[0] ?? 0, Math.max((c.x[0] ?? 0) + 1, c.x[nCols - 1] ?? 1)];
  const grid: StepPoint[] = Array.from(c.x, (step, col) => {
    const values: Record<string, number> = {};
    for (let r = 0; r < rows.length; r++) values[key(r)] = c.grad[r * nCols + col]!;
    return { x: step, values };
  });

  // Slots first, in order, so the page's length is set before the charts fill them one by one.
  const slots = { heatmap: slot('heatmap'), lines: slot('lines'), global: slot('global'), ratio: a.checks.compared ? slot('ratio') : null, loss: c.loss ? slot('loss') : null };
  const heatmap: Heatmap = timed('heatmap', () => {
    const h = createHeatmap(slots.heatmap, {
      name: 'grad-norm-heatmap', title: s.chart.heatmap, xLabel: w.axis.step, yLabel: s.chart.name, colorLabel: s.chart.gradNorm,
      rows, table, locale: lang, marks, xDomain,
    });
    h.update(grid);
    return h;
  });
  await nextTask();

  const seriesFor = (names: readonly string[]) => rows.filter((r) => names.includes(r.label)).map((r) => ({ key: r.key, label: r.label }));
  const lines: LineChart = timed('lines', () => {
    const l = createLineChart(slots.lines, {
      name: 'grad-norm-lines', title: s.chart.lines, xLabel: w.axis.step, yLabel: s.chart.gradNorm, yScale: 'log',
      series: seriesFor(ctx.chosen), table, locale: lang, marks, xDomain,
    });
    l.update(grid);
    return l;
  });
  await nextTask();

  const global = timed('global', () => {
    const g = createLineChart(slots.global, {
      name: 'global-norm', title: s.chart.global, xLabel: w.axis.step, yLabel: s.chart.gradNorm, yScale: 'log',
      series: [{ key: 'global', label: '‖∇θ‖' }], table, locale: lang, marks, xDomain,
    });
    g.update(points(c.x, { global: c.global }));
    return g;
  });
  await nextTask();

  let ratio: LineChart | null = null;
  const refs = (th: Thresholds) => [
    { y: th.vanish, label: format(s.chart.vanishLine, { v: formatNumber(th.vanish, lang) }) },
    { y: 1 / th.vanish, label: format(s.chart.explodeLine, { v: formatNumber(1 / th.vanish, lang) }) },
  ];
  const ratioData = points(c.x, { ratio: c.ratio });
  const compared = a.checks.compared;
  if (compared && slots.ratio) {
    const el = slots.ratio;
    ratio = timed('ratio', () => {
      const r = createLineChart(el, {
        name: 'first-over-last', title: format(s.chart.ratio, compared), xLabel: w.axis.step, yLabel: s.chart.ratioAxis, yScale: 'log',
        series: [{ key: 'ratio', label: `${compared.first} ÷ ${compared.last}` }], table, locale: lang, marks, xDomain, references: refs(ctx.th),
      });
      r.update(ratioData);
      return r;
    });
    await nextTask();
  }

  let loss: LineChart | null = null;
  const lossData = c.loss;
  if (lossData && slots.loss) {
    const el = slots.loss;
    let positive = true;
    for (let i = 0; i < nCols; i++) if (lossData.ok[i] && Number.isFinite(lossData.v[i]!) && lossData.v[i]! <= 0) positive = false;
    loss = timed('loss', () => {
      const l = createLineChart(el, {
        name: 'loss', title: s.chart.loss, xLabel: w.axis.step, yLabel: w.axis.loss, yScale: positive ? 'log' : 'linear',
        series: [{ key: 'loss', label: s.chart.loss }], table, locale: lang, marks, xDomain,
      });
      l.update(points(c.x, { loss: lossData }));
      return l;
    });
  }

  return {
    choose(names) {
      lines.setSeries(seriesFor(names));
    },
    thresholds(th) {
      ratio?.update(ratioData, { references: refs(th) });
    },
    destroy() {
      for (const chart of [heatmap, lines, global, ratio, loss]) chart?.destroy();
      for (const el of Object.values(slots)) el?.remove();
    },
  };
}
