/**
 * Line chart: x = step (or any number), y on a log or linear axis, several
 * series, HTML legend, data table. Values that cannot be drawn (NaN, ±∞,
 * ≤ 0 on a log axis) leave a gap and get an edge mark: ▲ on the top edge for
 * NaN/+∞, ▼ on the bottom edge for −∞ or ≤ 0 on a log axis, with a dotted
 * run along the edge for as long as they last.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { formatLogTick, formatNumber, formatTick, xOverhang, xTickSpacing } from './format.ts';
import type { Lang } from '../i18n/locales.ts';
import { decimateMinMax, type RowMode } from './downsample.ts';
import { stepTable, type TableLabels } from './data-table.ts';
import { axisTitles, drawBottomAxis, drawGridlines, drawLeftAxis, drawRefLines, labelMargin, ruleHeight, sizeSvg, type HeightRule } from './axes.ts';
import {
  CSS,
  seriesColor,
  seriesDash,
} from './palette.ts';
import {
  createChartFrame,
  layer,
  markKind,
  markLegendItems,
  onKeyChange,
  setAttr,
  showMarkLegend,
  MARK_DOWN,
  MARK_UP,
  type LegendItem,
  type MarkKind,
  type MarkLabels,
} from './frame.ts';
import { colorIndices, markerPath, runLegend, runStyle, type ChartRun, type MarkerShape } from './runs.ts';
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
  /** SVG dash array; default: its run's dash, else solid for the first eight series, patterned after */
  dash?: string;
  /** the run (a key of `runs`) this series belongs to: it takes the run's dash and marker */
  run?: string;
  /** marker shape every ~{@link MARKER_SPACING} px and at the last point; default: its run's ('none' for none) */
  marker?: MarkerShape | 'none';
  /** Measured on some steps only (e.g. a held-out loss every 20 steps): the line joins the steps that have a value instead of breaking at the others. */
  sparse?: boolean;
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

/** A stretch of x shaded behind the lines (a phase of training), named at its top by the first of its names that fits (`label`, then `shorter` in order). */
export interface XBand {
  from: number;
  to: number;
  label: string;
  shorter?: readonly string[];
}

export interface LineChartOptions {
  /** `data-series` of the data table */
  name: string;
  title: string;
  xLabel: string;
  yLabel: string;
  yScale: 'log' | 'linear';
  series: LineSeries[];
  /**
   * Runs drawn on this chart (a comparison). Series with the same label share a colour;
   * each run has its dash and marker; the legend names each label once and each run once.
   */
  runs?: ChartRun[];
  /** `data-run` of the table when it holds one run's numbers */
  run?: string;
  table: TableLabels;
  locale: Lang;
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
  /** shaded x ranges, shaded alternately light and lighter */
  bands?: XBand[];
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

/** The svg's height when the options give none: a share of the width, within bounds. */
const LINE_HEIGHT: HeightRule = { min: 230, max: 340, share: 0.5 };
/** room above the plot for the (horizontal) y-axis title */
const M_TOP = 30;
const M_RIGHT = 14;
const M_BOTTOM = 40;
const FONT = 12;

/** Band labels' font size (charts.css .gc-band-label). */
const BAND_FONT = 11;

/** About how wide `text` sets at `font` px: a CJK character takes an em, any other about 0.6 em. */
export function labelWidth(text: string, font: number): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return ems * font;
}

function fmt1(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function* range(from: number, to: number): Generator<number> {
  for (let i = from; i < to; i++) yield i;
}

/** Pixels between two markers of one series (a second run's markers sit half-way between). */
export const MARKER_SPACING = 56;

/** Points per path element: a growing series leaves full chunks untouched and rewrites only its last one. */
export const CHUNK_POINTS = 64;

/** A series path being built point by point, so a growing series appends only its new points. */
export interface PathState {
  /** finished chunks (each a path of its own), then the one being extended */
  chunks: string[];
  d: string;
  chunkLen: number;
  /** isolated points of the finished runs */
  dots: [number, number][];
  runStart: number;
  runLen: number;
  /** last point drawn and the index of the marker bucket it fell in */
  last: [number, number] | null;
  markers: string;
  bucket: number;
}

export const newPathState = (): PathState => ({ chunks: [], d: '', chunkLen: 0, dots: [], runStart: -1, runLen: 0, last: null, markers: '', bucket: -Infinity });

/**
 * Appends points `indices` (ascending, after those already added) to `st`: a gap at each
 * non-finite coordinate, and (with `marker`) a marker at the first point of every
 * `MARKER_SPACING`-px bucket, the buckets shifted by `phase` px.
 */
export function extendPath(
  st: PathState,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  indices: Iterable<number>,
  marker?: { shape: MarkerShape; phase: number },
): void {
  for (const i of indices) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (st.runLen === 1) st.dots.push([xs[st.runStart]!, ys[st.runStart]!]);
      st.runLen = 0;
      continue;
    }
    const at = `${fmt1(x)},${fmt1(y)}`;
    if (st.chunkLen >= CHUNK_POINTS) {
      st.chunks.push(st.d);
      // the next chunk starts where this one ended, so the line runs on
      st.d = st.runLen === 0 ? '' : `M${fmt1(st.last![0])},${fmt1(st.last![1])}`;
      st.chunkLen = 0;
    }
    st.d += `${st.runLen === 0 ? 'M' : 'L'}${at}`;
    st.chunkLen++;
    if (st.runLen === 0) st.runStart = i;
    st.runLen++;
    st.last = [x, y];
    if (marker) {
      const b = Math.floor((x + marker.phase) / MARKER_SPACING);
      if (b !== st.bucket) {
        st.bucket = b;
        st.markers += markerPath(marker.shape, x, y);
      }
    }
  }
}

/** Isolated points to dot: those of finished runs, and the last point while it stands alone. */
export function pathDots(st: PathState, xs: ArrayLike<number>, ys: ArrayLike<number>): [number, number][] {
  return st.runLen === 1 ? [...st.dots, [xs[st.runStart]!, ys[st.runStart]!]] : st.dots;
}

export interface MarkRun {
  kind: MarkKind;
  /** first and last index of the run */
  from: number;
  to: number;
}

/** Runs of consecutive values that get the same edge mark (at most `limit`). */
export function markRuns(values: ArrayLike<number | null | undefined>, log: boolean, limit = 50): MarkRun[] {
  const runs: MarkRun[] = [];
  extendMarkRuns(runs, (i) => values[i], 0, values.length, log, limit);
  return runs;
}

/** Adds the mark runs of values `from`…`to - 1` to `runs` (a run ending at `from - 1` goes on). */
export function extendMarkRuns(
  runs: MarkRun[],
  valueAt: (i: number) => number | null | undefined,
  from: number,
  to: number,
  log: boolean,
  limit = 50,
): void {
  let cur = runs[runs.length - 1];
  for (let i = from; i < to; i++) {
    const k = markKind(valueAt(i), log);
    if (!k) continue;
    if (cur && cur.kind === k && cur.to === i - 1) cur.to = i;
    else {
      if (runs.length >= limit) return;
      cur = { kind: k, from: i, to: i };
      runs.push(cur);
    }
  }
}

/** Sets (or with null removes) a style property only when it differs from the one set last. */
function setStyle(el: SVGElement & { __gcStyle?: Record<string, string | null> }, name: string, value: string | null): void {
  const last = (el.__gcStyle ??= {});
  if (last[name] === value) return;
  last[name] = value;
  if (value === null) el.style.removeProperty(name);
  else el.style.setProperty(name, value);
}

export function createLineChart(container: HTMLElement, opts: LineChartOptions): LineChart {
  let series = opts.series.slice();
  let data: readonly StepPoint[] = [];
  let references = opts.references ?? [];
  let vlines: VLine[] = [];
  const log = opts.yScale === 'log';
  const locale = opts.locale;

  const frame = createChartFrame(container, {
    kind: 'line',
    title: opts.title,
    name: opts.name,
    table: opts.table,
    run: opts.run,
    onResize: () => draw(),
  });
  const svg = frame.svg;
  const clipId = `${frame.id}-clip`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const root = layer(svg, 'gc-root');
  const gBands = layer(root, 'gc-bands');
  const gGrid = layer(root, 'gc-grid');
  const gX = layer(root, 'gc-axis gc-axis-x');
  const gY = layer(root, 'gc-axis gc-axis-y');
  const gRefs = layer(root, 'gc-refs');
  const gV = layer(root, 'gc-vlines');
  const gSeries = layer(root, 'gc-series').attr('clip-path', `url(#${clipId})`);
  const gMarks = layer(root, 'gc-marks');
  const titles = axisTitles(root, opts.xLabel, opts.yLabel);

  let colorIdx: number[] = [];
  const styleOf = (s: LineSeries) => runStyle(opts.runs, s.run);
  const colorOf = (s: LineSeries, i: number) => s.color ?? seriesColor(colorIdx[i] ?? i);
  const dashOf = (s: LineSeries, i: number) => s.dash ?? styleOf(s)?.dash ?? seriesDash(i);
  const markerOf = (s: LineSeries) => {
    const m = s.marker ?? styleOf(s)?.marker;
    return m === 'none' ? undefined : m;
  };
  /** a run's markers sit half a spacing after the previous run's */
  const phaseOf = (s: LineSeries) => (Math.max(0, opts.runs?.findIndex((r) => r.key === s.run) ?? 0) * MARKER_SPACING) / 2;
  const columnsOf = () =>
    series.map((s) => {
      const run = opts.runs?.find((r) => r.key === s.run);
      return { key: s.key, label: run ? `${s.label} (${run.label})` : s.label };
    });

  function setLegend() {
    colorIdx = colorIndices(series.map((s) => s.label), !!opts.runs?.length);
    const items: LegendItem[] = opts.runs?.length
      ? runLegend(series.map((s, i) => ({ label: s.label, color: colorOf(s, i) })), opts.runs, 'line')
      : series.map((s, i) => {
          const marker = markerOf(s);
          return { key: `s:${s.key}`, label: s.label, swatch: { kind: 'line', color: colorOf(s, i), dash: dashOf(s, i), ...(marker ? { marker } : {}) } };
        });
    frame.setLegend([...items, ...markLegendItems(opts.marks)]);
  }
  setLegend();

  /**
   * Paths built so far, per series, valid while the geometry (domains, size) stays and the data
   * only grows: then an update appends the new points instead of redrawing every point.
   */
  interface Built {
    geometry: string;
    data: readonly StepPoint[];
    n: number;
    head: StepPoint | undefined;
    tail: StepPoint | undefined;
    xpx: number[];
    paths: Map<string, { ypx: number[]; st: PathState; marks: MarkRun[] }>;
  }
  let built: Built | null = null;

  /**
   * The smallest and largest drawable value of every series, kept while the data only grows
   * (this runs on every update: a growing series scans only its new points).
   */
  let scanned = { n: 0, head: undefined as StepPoint | undefined, tail: undefined as StepPoint | undefined, lo: Infinity, hi: -Infinity, x0: Infinity, x1: -Infinity };
  function extent() {
    const grows = scanned.n > 0 && data.length >= scanned.n && data[0] === scanned.head && data[scanned.n - 1] === scanned.tail;
    if (!grows) scanned = { n: 0, head: data[0], tail: undefined, lo: Infinity, hi: -Infinity, x0: Infinity, x1: -Infinity };
    const drawable = log ? isLogDrawable : isLinearDrawable;
    for (let i = scanned.n; i < data.length; i++) {
      const d = data[i]!;
      if (Number.isFinite(d.x)) {
        if (d.x < scanned.x0) scanned.x0 = d.x;
        if (d.x > scanned.x1) scanned.x1 = d.x;
      }
      for (const s of series) {
        const v = d.values[s.key];
        if (drawable(v)) {
          if (v < scanned.lo) scanned.lo = v;
          if (v > scanned.hi) scanned.hi = v;
        }
      }
    }
    scanned.n = data.length;
    scanned.tail = data[data.length - 1];
    return { y: scanned.lo <= scanned.hi ? [scanned.lo, scanned.hi] : [], x: [scanned.x0, scanned.x1] as Domain };
  }

  function draw() {
    const W = frame.width();
    const H = opts.height ?? ruleHeight(LINE_HEIGHT, W);
    sizeSvg(svg, W, H, opts.height === undefined ? LINE_HEIGHT : undefined);
    const ih = Math.max(40, H - M_TOP - M_BOTTOM);

    // ----- y
    const refYs = references.map((r) => r.y).filter((y) => (log ? y > 0 : Number.isFinite(y)));
    const ext = extent();
    const yDom: Domain =
      opts.yDomain ??
      (log ? niceLogDomain([...ext.y, ...refYs]) : niceLinearDomain(ext.y, refYs, Math.max(2, Math.floor(ih / 36))));
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
    let [x0, x1] = ext.x;
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

    onKeyChange(root, `${left}|${iw}|${ih}`, () => {
      root.attr('transform', `translate(${left},${M_TOP})`);
      clipRect.attr('x', -2).attr('y', -2).attr('width', iw + 4).attr('height', ih + 4);
      titles.place(iw, ih, left, -14);
    });

    // ----- axes and grid (rebuilt only when the geometry or ticks change)
    const xKey = `${xDom}|${iw}|${ih}|${xTickVals}`;
    onKeyChange(gX, xKey, () => drawBottomAxis(gX, xs, xTickVals, (v) => formatTick(+v, locale), ih));
    const yKey = `${yDom}|${iw}|${ih}|${yLabels}|${yMinor.length}`;
    onKeyChange(gY, yKey, () => {
      drawLeftAxis(gY, ys, yTickVals, (v) => yFmt(+v));
      drawGridlines(gGrid, ys, yTickVals, iw, yMinor);
    });

    // ----- series (appended to while the geometry stays and the data only grows)
    const n = data.length;
    const drawable = log ? isLogDrawable : isLinearDrawable;
    const geometry = `${xDom}|${yDom}|${iw}|${ih}|${series.map((x) => x.key)}`;
    const decimate = n > 4 * Math.max(1, Math.floor(iw));
    const grows =
      built !== null && !decimate && built.geometry === geometry && n >= built.n &&
      data[0] === built.head && (built.n === 0 || data[built.n - 1] === built.tail);
    if (!grows) built = { geometry, data, n: 0, head: data[0], tail: undefined, xpx: [], paths: new Map(series.map((x) => [x.key, { ypx: [], st: newPathState(), marks: [] }])) };
    const b = built!;
    const from = b.n;
    for (let i = from; i < n; i++) b.xpx.push(Number.isFinite(data[i]!.x) ? xs(data[i]!.x) : NaN);
    const model = series.map((s, i) => {
      const p = b.paths.get(s.key)!;
      for (let j = from; j < n; j++) {
        const v = data[j]!.values[s.key];
        p.ypx.push(drawable(v) ? ys(v) : NaN);
      }
      const marker = markerOf(s);
      const all = decimate ? decimateMinMax(p.ypx, Math.max(1, Math.floor(iw))) : range(from, n);
      const idx = s.sparse ? [...all].filter((j) => data[j]!.values[s.key] != null) : all;
      extendPath(p.st, b.xpx, p.ypx, idx, marker ? { shape: marker, phase: phaseOf(s) } : undefined);
      const last = p.st.last;
      const markers = marker ? p.st.markers + (last ? markerPath(marker, last[0], last[1]) : '') : '';
      extendMarkRuns(p.marks, (j) => data[j]!.values[s.key], from, n, log);
      return { s, i, paths: [...p.st.chunks, p.st.d], markers, dots: pathDots(p.st, b.xpx, p.ypx), runs: p.marks };
    });
    b.n = n;
    b.tail = data[n - 1];
    const xpx = b.xpx;

    // only what changed is written: an equal write still dirties the svg
    gSeries
      .selectAll<SVGGElement, (typeof model)[number]>('g.gc-series-line')
      .data(model, (m) => m.s.key)
      .join((enter) => enter.append('g').attr('class', 'gc-series-line').attr('data-key', (m) => m.s.key))
      .each(function (m) {
        setStyle(this, 'stroke', colorOf(m.s, m.i));
        setStyle(this, 'stroke-dasharray', dashOf(m.s, m.i) || null);
      })
      .selectAll<SVGPathElement, string>('path.gc-line')
      .data((m) => m.paths)
      .join((enter) => enter.append('path').attr('class', 'gc-line'))
      .each(function (d) {
        // full chunks keep their path: no re-parse
        setAttr(this, 'd', d);
      });

    const withMarkers = model.filter((m) => m.markers);
    gSeries
      .selectAll<SVGPathElement, (typeof model)[number]>('path.gc-markers')
      .data(withMarkers, (m) => m.s.key)
      .join((enter) => enter.append('path').attr('class', 'gc-markers').attr('data-key', (m) => m.s.key))
      .each(function (m) {
        const marker = markerOf(m.s) ?? '';
        setAttr(this, 'data-marker', marker);
        setAttr(this, 'd', m.markers);
        setStyle(this, 'fill', colorOf(m.s, m.i));
      });

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

    // ----- shaded x ranges (phases): redrawn only when the x geometry changes
    onKeyChange(gBands, xKey, () => {
      const bands = (opts.bands ?? []).filter((b) => b.to > xDom[0] && b.from < xDom[1]);
      const bx = (x: number) => xs(Math.min(Math.max(x, xDom[0]), xDom[1]));
      const bg = gBands
        .selectAll<SVGGElement, XBand>('g.gc-band')
        .data(bands)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'gc-band');
          g.append('rect').append('title');
          g.append('text').attr('class', 'gc-ref-label gc-band-label').attr('text-anchor', 'middle');
          return g;
        })
        .classed('gc-band-alt', (_, i) => i % 2 === 1);
      bg.select('rect').attr('x', (b) => fmt1(bx(b.from))).attr('width', (b) => fmt1(Math.max(0, bx(b.to) - bx(b.from)))).attr('y', 0).attr('height', ih);
      bg.select('rect title').text((b) => b.label);
      bg.select('text')
        .attr('x', (b) => fmt1((bx(b.from) + bx(b.to)) / 2))
        .attr('y', 12)
        .text((b) => {
          const room = bx(b.to) - bx(b.from) - 4;
          const fits = (t: string) => labelWidth(t, BAND_FONT) <= room;
          return [b.label, ...(b.shorter ?? [])].find(fits) ?? '';
        });
    });

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

  const table = stepTable(frame.table, opts);
  function renderTable() {
    table(data, columnsOf());
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
      built = null;
      setLegend();
      draw();
      renderTable();
    },
    destroy() {
      frame.destroy();
    },
  };
}
