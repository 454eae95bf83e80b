/**
 * Line chart: x = step (or any number), y on a log or linear axis, several
 * series, HTML legend, data table. Values that cannot be drawn (NaN, ±∞,
 * ≤ 0 on a log axis) leave a gap and get an edge mark: ▲ on the top edge for
 * NaN/+∞, ▼ on the bottom edge for −∞ or ≤ 0 on a log axis, with a dotted
 * run along the edge for as long as they last.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { formatLogTick, formatNumber, formatTick, xOverhang, xTickSpacing, type Locale } from './format.ts';
import { decimateMinMax, type RowMode } from './downsample.ts';
import { renderStepTable, type TableLabels } from './data-table.ts';
import { axisTitles, drawBottomAxis, drawGridlines, drawLeftAxis, drawRefLines, labelMargin, sizeSvg } from './axes.ts';
import {
  CSS,
  seriesColor,
  seriesDash,
} from './palette.ts';
import {
  createFrame,
  layer,
  markKind,
  markLegendItems,
  onKeyChange,
  showMarkLegend,
  MARK_DOWN,
  MARK_UP,
  type LegendItem,
  type MarkKind,
  type MarkLabels,
} from './frame.ts';
import {
  isLinearDrawable,
  isLogDrawable,
  linearTicks,
  logTicks,
  niceLinearDomain,
  niceLogDomain,
  type Domain,
} from './ticks.ts';

export interface LineSeries {
  key: string;
  label: string;
  /** any CSS colour; default `var(--gc-sN, …)` by position */
  color?: string;
  /** SVG dash array; default solid for the first eight series, patterned after */
  dash?: string;
}

/** One step: x and one value per series key (null/undefined = no value). */
export interface StepPoint {
  x: number;
  values: Record<string, number | null | undefined>;
}

export interface RefLine {
  y: number;
  label: string;
}

export interface VLine {
  x: number;
  label: string;
}

export interface LineChartOptions {
  /** `data-series` of the data table */
  name: string;
  title: string;
  xLabel: string;
  yLabel: string;
  yScale: 'log' | 'linear';
  series: LineSeries[];
  table: TableLabels;
  locale: Locale;
  /** px; default scales with width (200…320) */
  height?: number;
  /** fixed x range (e.g. [0, totalSteps]); widened if data falls outside */
  xDomain?: Domain;
  /** fixed y range; default fits the data (log: whole decades) */
  yDomain?: Domain;
  /** only integer x ticks (steps); default true */
  xInteger?: boolean;
  /** horizontal reference lines, e.g. { y: 0.25, label: 'σ′ ≤ 1/4' } */
  references?: RefLine[];
  marks?: MarkLabels;
  /** data-table row bound (default 200) and how rows are chosen (default every k-th) */
  tableRows?: number;
  tableMode?: RowMode;
}

export interface LineChart {
  readonly element: HTMLElement;
  /** Redraw with the full data so far (may be the same, growing array). */
  update(data: readonly StepPoint[], extra?: { references?: RefLine[]; vlines?: VLine[] }): void;
  /** Replace the series (e.g. the depth changed); redraws with the last data. */
  setSeries(series: LineSeries[]): void;
  destroy(): void;
}

/** room above the plot for the (horizontal) y-axis title */
const M_TOP = 30;
const M_RIGHT = 14;
const M_BOTTOM = 40;
const FONT = 12;

function fmt1(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** SVG path for one series; returns the path and the isolated points (x, y) to dot. */
export function seriesPath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  indices: readonly number[],
): { d: string; dots: [number, number][] } {
  let d = '';
  const dots: [number, number][] = [];
  let runStart = -1;
  let runLen = 0;
  const flush = () => {
    if (runLen === 1) dots.push([xs[runStart]!, ys[runStart]!]);
    runLen = 0;
  };
  for (const i of indices) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      flush();
      continue;
    }
    d += `${runLen === 0 ? 'M' : 'L'}${fmt1(x)},${fmt1(y)}`;
    if (runLen === 0) runStart = i;
    runLen++;
  }
  flush();
  return { d, dots };
}

export interface MarkRun {
  kind: MarkKind;
  /** first and last index of the run */
  from: number;
  to: number;
}

/** Runs of consecutive values that get the same edge mark. */
export function markRuns(values: ArrayLike<number | null | undefined>, log: boolean, limit = 50): MarkRun[] {
  const runs: MarkRun[] = [];
  let cur: MarkRun | null = null;
  for (let i = 0; i < values.length; i++) {
    const k = markKind(values[i], log);
    if (k && cur && cur.kind === k && cur.to === i - 1) {
      cur.to = i;
    } else if (k) {
      if (runs.length >= limit) break;
      cur = { kind: k, from: i, to: i };
      runs.push(cur);
    } else cur = null;
  }
  return runs;
}

export function createLineChart(container: HTMLElement, opts: LineChartOptions): LineChart {
  let series = opts.series.slice();
  let data: readonly StepPoint[] = [];
  let references = opts.references ?? [];
  let vlines: VLine[] = [];
  const log = opts.yScale === 'log';
  const locale = opts.locale;

  const frame = createFrame(container, {
    kind: 'line',
    title: opts.title,
    name: opts.name,
    table: opts.table,
    onResize: () => draw(),
  });
  const svg = frame.svg;
  const clipId = `${frame.id}-clip`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const root = layer(svg, 'gc-root');
  const gGrid = layer(root, 'gc-grid');
  const gX = layer(root, 'gc-axis gc-axis-x');
  const gY = layer(root, 'gc-axis gc-axis-y');
  const gRefs = layer(root, 'gc-refs');
  const gV = layer(root, 'gc-vlines');
  const gSeries = layer(root, 'gc-series').attr('clip-path', `url(#${clipId})`);
  const gMarks = layer(root, 'gc-marks');
  const titles = axisTitles(root, opts.xLabel, opts.yLabel);

  const colorOf = (s: LineSeries, i: number) => s.color ?? seriesColor(i);
  const dashOf = (s: LineSeries, i: number) => s.dash ?? seriesDash(i);

  function setLegend() {
    const items: LegendItem[] = series.map((s, i) => ({
      key: `s:${s.key}`,
      label: s.label,
      swatch: { kind: 'line', color: colorOf(s, i), dash: dashOf(s, i) },
    }));
    frame.setLegend([...items, ...markLegendItems(opts.marks)]);
  }
  setLegend();

  function* allValues(): Generator<number | null | undefined> {
    for (const d of data) for (const s of series) yield d.values[s.key];
  }

  function draw() {
    const W = frame.width();
    const H = opts.height ?? Math.round(Math.max(230, Math.min(340, W * 0.5)));
    sizeSvg(svg, W, H);
    const ih = Math.max(40, H - M_TOP - M_BOTTOM);

    // ----- y
    const refYs = references.map((r) => r.y).filter((y) => (log ? y > 0 : Number.isFinite(y)));
    const yDom: Domain =
      opts.yDomain ??
      (log ? niceLogDomain([...allValues(), ...refYs]) : niceLinearDomain(allValues(), refYs, Math.max(2, Math.floor(ih / 36))));
    let yTickVals: number[];
    let yMinor: number[] = [];
    let yFmt: (v: number) => string;
    if (log) {
      const t = logTicks(yDom, ih, FONT + 8);
      yTickVals = t.major;
      yMinor = t.minor;
      yFmt = (v) => formatLogTick(v, locale, t.pow);
    } else {
      yTickVals = linearTicks(yDom, ih, 36);
      yFmt = (v) => formatTick(v, locale);
    }
    const yLabels = yTickVals.map(yFmt);
    const left = labelMargin(yLabels, FONT);

    // ----- x
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const d of data) {
      if (Number.isFinite(d.x)) {
        if (d.x < x0) x0 = d.x;
        if (d.x > x1) x1 = d.x;
      }
    }
    if (opts.xDomain) {
      x0 = Math.min(x0, opts.xDomain[0]);
      x1 = Math.max(x1, opts.xDomain[1]);
    }
    if (!(x0 <= x1)) [x0, x1] = [0, 1];
    if (x0 === x1) x1 = x0 + 1;
    const xDom: Domain = [x0, x1];
    const iw = Math.max(40, W - left - Math.max(M_RIGHT, xOverhang(xDom, locale)));
    let xTickVals = linearTicks(xDom, iw, xTickSpacing(xDom, locale));
    if (opts.xInteger !== false) xTickVals = xTickVals.filter((v) => Number.isInteger(v));

    const xs = scaleLinear().domain(xDom).range([0, iw]);
    const ys = (log ? scaleLog() : scaleLinear()).domain(yDom).range([ih, 0]);

    root.attr('transform', `translate(${left},${M_TOP})`);
    clipRect.attr('x', -2).attr('y', -2).attr('width', iw + 4).attr('height', ih + 4);
    titles.place(iw, ih, left, -14);

    // ----- axes and grid (rebuilt only when the geometry or ticks change)
    const xKey = `${xDom}|${iw}|${ih}|${xTickVals}`;
    onKeyChange(gX, xKey, () => drawBottomAxis(gX, xs, xTickVals, (v) => formatTick(+v, locale), ih));
    const yKey = `${yDom}|${iw}|${ih}|${yLabels}|${yMinor.length}`;
    onKeyChange(gY, yKey, () => {
      drawLeftAxis(gY, ys, yTickVals, (v) => yFmt(+v));
      drawGridlines(gGrid, ys, yTickVals, iw, yMinor);
    });

    // ----- series
    const xpx = new Float64Array(data.length);
    data.forEach((d, i) => (xpx[i] = Number.isFinite(d.x) ? xs(d.x) : NaN));
    const drawable = log ? isLogDrawable : isLinearDrawable;
    const model = series.map((s, i) => {
      const vals = data.map((d) => d.values[s.key]);
      const ypx = new Float64Array(vals.length);
      vals.forEach((v, j) => (ypx[j] = drawable(v) ? ys(v) : NaN));
      const idx = decimateMinMax(ypx, Math.max(1, Math.floor(iw)));
      const { d, dots } = seriesPath(xpx, ypx, idx);
      return { s, i, d, dots, runs: markRuns(vals, log) };
    });

    gSeries
      .selectAll<SVGPathElement, (typeof model)[number]>('path.gc-line')
      .data(model, (m) => m.s.key)
      .join('path')
      .attr('class', 'gc-line')
      .attr('d', (m) => m.d || null)
      .style('stroke', (m) => colorOf(m.s, m.i))
      .style('stroke-dasharray', (m) => dashOf(m.s, m.i) || null);

    const dotData = model.flatMap((m) => m.dots.map(([x, y]) => ({ x, y, c: colorOf(m.s, m.i) })));
    gSeries
      .selectAll<SVGCircleElement, (typeof dotData)[number]>('circle.gc-dot')
      .data(dotData)
      .join('circle')
      .attr('class', 'gc-dot')
      .attr('r', 2.5)
      .attr('cx', (p) => p.x)
      .attr('cy', (p) => p.y)
      .style('fill', (p) => p.c);

    // ----- edge marks for values that cannot be drawn
    const markData = model.flatMap((m) =>
      m.runs.map((r) => {
        const xa = xpx[r.from] ?? 0;
        const xb = xpx[r.to] ?? xa;
        return { ...r, xa, xb, c: colorOf(m.s, m.i), label: m.s.label, x: data[r.from]?.x ?? NaN, v: data[r.from]?.values[m.s.key] };
      }),
    );
    const marks = gMarks
      .selectAll<SVGGElement, (typeof markData)[number]>('g.gc-mark')
      .data(markData)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gc-mark');
        g.append('line').attr('class', 'gc-mark-run');
        g.append('path');
        g.append('title');
        return g;
      })
      .attr('data-kind', (m) => m.kind);
    marks
      .select('line')
      .attr('x1', (m) => m.xa)
      .attr('x2', (m) => m.xb)
      .attr('y1', (m) => (m.kind === 'up' ? 0.5 : ih - 0.5))
      .attr('y2', (m) => (m.kind === 'up' ? 0.5 : ih - 0.5))
      .style('stroke', (m) => m.c);
    marks
      .select('path')
      .attr('d', (m) => (m.kind === 'up' ? MARK_UP : MARK_DOWN))
      .attr('transform', (m) => `translate(${fmt1(m.xa)},${m.kind === 'up' ? 0 : ih})`)
      .style('fill', (m) => m.c)
      .style('stroke', CSS.bg);
    marks.select('title').text((m) => {
      const what = (m.kind === 'up' ? opts.marks?.nonFinite : opts.marks?.nonPositive) ?? '';
      return `${m.label} · ${opts.xLabel} ${formatNumber(m.x, locale, { digits: 8 })}: ${formatNumber(m.v, locale)}${what ? ` — ${what}` : ''}`;
    });
    showMarkLegend(frame, markData);

    // ----- reference lines
    const refs = references.filter((r) => (log ? r.y > 0 : Number.isFinite(r.y)) && r.y >= Math.min(...yDom) && r.y <= Math.max(...yDom));
    drawRefLines(gRefs, refs, (r) => fmt1(ys(r.y)), iw);

    // ----- vertical markers (e.g. "diverged at step 37")
    const vl = vlines.filter((v) => v.x >= xDom[0] && v.x <= xDom[1]);
    const vg = gV
      .selectAll<SVGGElement, VLine>('g.gc-vline')
      .data(vl)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gc-vline');
        g.append('line');
        g.append('text').attr('class', 'gc-ref-label');
        return g;
      })
      .attr('transform', (v) => `translate(${fmt1(xs(v.x))},0)`);
    vg.select('line').attr('y1', 0).attr('y2', ih);
    vg.select('text')
      .attr('y', 22)
      .attr('x', (v) => (xs(v.x) > iw * 0.6 ? -4 : 4))
      .attr('text-anchor', (v) => (xs(v.x) > iw * 0.6 ? 'end' : 'start'))
      .text((v) => v.label);
  }

  function renderTable() {
    renderStepTable(frame.table, data, series, opts);
  }

  draw();
  renderTable();

  return {
    element: frame.figure,
    update(next, extra) {
      data = next;
      if (extra?.references) references = extra.references;
      if (extra?.vlines) vlines = extra.vlines;
      draw();
      renderTable();
    },
    setSeries(next) {
      series = next.slice();
      setLegend();
      draw();
      renderTable();
    },
    destroy() {
      frame.destroy();
    },
  };
}
