/**
 * Histograms from precomputed, equal-width bins `{ lo, hi, counts }`, with an
 * optional overlaid curve on a secondary (right) axis — e.g. σ′(z) over each
 * layer's pre-activation distribution, to show saturation — and a
 * small-multiples grid (one panel per layer) sharing one legend and table.
 * A grid compares two runs: the first as filled bars, the second as a dashed
 * outline (step curve) over them. Each panel's bars are one path.
 */
import { axisRight } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { formatNumber, formatTick } from './format.ts';
import type { Lang } from '../i18n/locales.ts';
import { tableCaption, tableInfo, valueCell, type Cell, type DataTable, type TableInfo, type TableLabels } from './data-table.ts';
import { selectRows } from './downsample.ts';
import { seriesColor } from './palette.ts';
import { createChartFrame, layer, onKeyChange, setAttr, setText, stripAxisFont, type G, type LegendItem, type Svg } from './frame.ts';
import { runStyle, type ChartRun } from './runs.ts';
import { drawBottomAxis, drawGridlines, drawLeftAxis, labelMargin, sizeSvg } from './axes.ts';
import { linearTicks, niceLinearDomain, type Domain } from './ticks.ts';

export interface Bins {
  lo: number;
  hi: number;
  counts: ArrayLike<number>;
}

export interface HistogramOverlay {
  /** legend text, e.g. "σ′(z) (right axis)" */
  label: string;
  /** sampled over [lo, hi] at ~2 px resolution … */
  fn?: (x: number) => number;
  /** … or given as points */
  points?: readonly { x: number; y: number }[];
  /** right-axis range; default [0, max] niced */
  yDomain?: Domain;
  color?: string;
}

export interface HistogramTableLabels extends TableLabels {
  /** column headers: bin start, bin end, count; panel (grid only) */
  lo: string;
  hi: string;
  count: string;
  panel?: string;
}

export interface HistogramOptions {
  name: string;
  title: string;
  xLabel: string;
  yLabel: string;
  table: HistogramTableLabels;
  locale: Lang;
  /** legend text for the bars; no legend entry without it */
  barLabel?: string;
  overlay?: HistogramOverlay;
  /** y as raw counts (default) or share of the total */
  yMode?: 'count' | 'share';
  height?: number;
  color?: string;
  /** data-table row bound (default 2000) */
  tableRows?: number;
}

export interface HistogramPanel {
  key: string;
  label: string;
}

export interface HistogramGridOptions extends HistogramOptions {
  panels: HistogramPanel[];
  /** px; columns = how many fit (default 150) */
  minPanelWidth?: number;
  /** panel svg height in px (default 150) */
  panelHeight?: number;
  /** one y range for all panels (default true: compare layers honestly) */
  sharedY?: boolean;
  /** the longest a batch of panels is drawn for in one task (default 4 ms; Infinity: all at once) */
  sliceMs?: number;
  /** runs the next batch in a task of its own (default `setTimeout(…, 0)`; a widget times it as a draw) */
  nextTask?: (batch: () => void) => void;
  /**
   * Two runs (a comparison): the first drawn as filled bars, the second as a dashed outline
   * over them (`update(bins, compare)`); the legend names both, the table has a count column per run.
   */
  runs?: ChartRun[];
}

export type PanelBins = Record<string, Bins | null | undefined>;

export interface HistogramGrid {
  readonly element: HTMLElement;
  /** `bins` per panel key; `compare`: the second run's (with `runs`) */
  update(bins: PanelBins, compare?: PanelBins): void;
  setPanels(panels: HistogramPanel[]): void;
  destroy(): void;
}

/** Equal-width bin edges of `bins` (length counts + 1). */
export function binEdges(b: Bins): number[] {
  const n = b.counts.length;
  const w = n ? (b.hi - b.lo) / n : 0;
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? b.hi : b.lo + i * w));
}

export function binTotal(b: Bins): number {
  let s = 0;
  for (let i = 0; i < b.counts.length; i++) s += b.counts[i]!;
  return s;
}

/** y values drawn for each bin: counts or shares of the total. */
export function binHeights(b: Bins, mode: 'count' | 'share'): number[] {
  const t = mode === 'share' ? binTotal(b) || 1 : 1;
  return Array.from(b.counts, (c) => c / t);
}

const sameEdges = (a: Bins, b: Bins) => a.lo === b.lo && a.hi === b.hi && a.counts.length === b.counts.length;

/**
 * Table rows: one per bin (and per panel in a grid), bounded by stride; a count column per
 * run (`runs` bins per panel). Runs whose bins differ get rows of their own, blank in the
 * other run's column.
 */
export function histogramTableRows(
  panels: readonly { label: string | null; bins: Bins | null | undefined; compare?: Bins | null }[],
  locale: Lang,
  maxRows: number,
): { rows: Cell[][]; info: TableInfo } {
  const runs = panels.some((p) => p.compare) ? 2 : 1;
  const all: Cell[][] = [];
  const push = (label: string | null, b: Bins, counts: (ArrayLike<number> | null)[]) => {
    const e = binEdges(b);
    for (let i = 0; i < b.counts.length; i++) {
      const row: Cell[] = [];
      if (label !== null) row.push({ text: label });
      row.push(valueCell(e[i], locale), valueCell(e[i + 1], locale), ...counts.map((c) => valueCell(c?.[i], locale)));
      all.push(row);
    }
  };
  for (const p of panels) {
    const a = p.bins;
    const b = p.compare;
    if (a && b && sameEdges(a, b)) push(p.label, a, [a.counts, b.counts]);
    else {
      if (a) push(p.label, a, runs === 2 ? [a.counts, null] : [a.counts]);
      if (b) push(p.label, b, [null, b.counts]);
    }
  }
  const sel = selectRows(all.length, maxRows, 'stride');
  const rows = sel.indices.map((i) => all[i]!);
  return { rows, info: tableInfo(rows, all.length, sel) };
}

const FONT = 12;

interface PanelCtx {
  locale: Lang;
  xLabel: string;
  yLabel: string;
  mode: 'count' | 'share';
  overlay?: HistogramOverlay;
  color: string;
  /** shared y max (grid) */
  yMax?: number;
  /** the second run's bins, drawn as a dashed outline */
  compare?: Bins | null;
  compareDash?: string;
  /** panel title drawn inside the svg (grid) */
  title?: string;
  compact: boolean;
  /** draw the axis titles (a grid draws x only on its bottom panels, y only on its first column) */
  showX?: boolean;
  showY?: boolean;
}

/** The overlay curve's colour (and its right axis's): the second series colour unless given. */
function overlayColor(o: HistogramOverlay | undefined): string {
  return o?.color ?? seriesColor(1);
}

function overlayPoints(o: HistogramOverlay, dom: Domain, samples: number): { x: number; y: number }[] {
  if (o.points) return o.points.filter((p) => p.x >= dom[0] && p.x <= dom[1]);
  if (!o.fn) return [];
  const n = Math.max(2, samples);
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = dom[0] + ((dom[1] - dom[0]) * i) / n;
    return { x, y: o.fn!(x) };
  });
}

const layersOf = new WeakMap<SVGSVGElement, Record<'root' | 'gGrid' | 'gX' | 'gY' | 'gY2' | 'gBars' | 'gOver' | 'gTitles', G>>();

/** A panel's layers, made once (looked up on every update of every panel otherwise). */
function panelLayers(svg: Svg) {
  const node = svg.node()!;
  let l = layersOf.get(node);
  if (!l) {
    const root = layer(svg, 'gc-root');
    l = {
      root,
      gGrid: layer(root, 'gc-grid'),
      gX: layer(root, 'gc-axis gc-axis-x'),
      gY: layer(root, 'gc-axis gc-axis-y'),
      gY2: layer(root, 'gc-axis gc-axis-y2'),
      gBars: layer(root, 'gc-bars'),
      gOver: layer(root, 'gc-overlay'),
      /** holds nothing: keys the axis titles' redraw */
      gTitles: layer(root, 'gc-axis-titles'),
    };
    layersOf.set(node, l);
  }
  return l;
}

/** Draw (or redraw) one histogram into `svg` at W × H. */
function drawPanel(svg: Svg, W: number, H: number, bins: Bins | null | undefined, c: PanelCtx): void {
  sizeSvg(svg, W, H);
  const titleH = c.title ? FONT + 8 : 0;
  const showX = c.showX !== false;
  const showY = c.showY !== false;
  // the y title row is reserved even when not drawn, so plots in a grid row line up
  const top = 8 + titleH + FONT + 8;
  const bottom = showX ? (c.compact ? 36 : 40) : 22;
  const ih = Math.max(30, H - top - bottom);
  const heights = bins ? binHeights(bins, c.mode) : [];
  const heights2 = c.compare ? binHeights(c.compare, c.mode) : [];
  const yMax = c.yMax ?? Math.max(0, ...heights, ...heights2);
  const yDom = yMax > 0 ? niceLinearDomain([0, yMax], [0], Math.max(2, Math.floor(ih / 30))) : ([0, 1] as Domain);
  const yTicks = linearTicks(yDom, ih, c.compact ? 28 : 34);
  const fmtY = (v: number) => formatTick(v, c.locale);
  const left = labelMargin(yTicks.map(fmtY), FONT, 10);

  const o = c.overlay;
  const b2 = c.compare;
  const xDom: Domain =
    bins && bins.hi > bins.lo
      ? b2 && b2.hi > b2.lo ? [Math.min(bins.lo, b2.lo), Math.max(bins.hi, b2.hi)] : [bins.lo, bins.hi]
      : [0, 1];
  let y2Dom: Domain = [0, 1];
  let y2Ticks: number[] = [];
  let right = 10;
  /** the overlay's samples, made only when its curve is redrawn */
  const samples = () => (o ? overlayPoints(o, xDom, Math.max(20, Math.floor(W / 2))) : []);
  if (o) {
    y2Dom = o.yDomain ?? niceLinearDomain(samples().map((p) => p.y), [0], 3);
    y2Ticks = linearTicks(y2Dom, ih, c.compact ? 28 : 34);
    right = labelMargin(y2Ticks.map((v) => formatTick(v, c.locale)), FONT, 10, 12);
  }
  const iw = Math.max(30, W - left - right);
  const xs = scaleLinear().domain(xDom).range([0, iw]);
  const ys = scaleLinear().domain(yDom).range([ih, 0]);
  const y2 = scaleLinear().domain(y2Dom).range([ih, 0]);
  const xTicks = linearTicks(xDom, iw, c.compact ? 44 : 64);

  if (c.title) {
    let t = svg.select<SVGTextElement>('text.gc-panel-title');
    if (t.empty()) t = svg.append('text').attr('class', 'gc-panel-title').attr('x', 4).attr('y', FONT + 2);
    setText(t.node()!, c.title);
  }
  const { root, gGrid, gX, gY, gY2, gBars, gOver, gTitles } = panelLayers(svg);
  onKeyChange(root, `${left}|${top}`, () => root.attr('transform', `translate(${left},${top})`));

  onKeyChange(gX, `${xDom}|${iw}|${ih}|${xTicks}`, () => drawBottomAxis(gX, xs, xTicks, (v) => formatTick(+v, c.locale), ih));
  onKeyChange(gY, `${yDom}|${iw}|${ih}|${yTicks}`, () => {
    drawLeftAxis(gY, ys, yTicks, (v) => fmtY(+v));
    drawGridlines(gGrid, ys, yTicks, iw);
  });
  onKeyChange(gY2, o ? `${y2Dom}|${iw}|${ih}|${y2Ticks}` : 'none', () => {
    gY2.selectAll('*').remove();
    if (!o) return;
    gY2.attr('transform', `translate(${iw},0)`)
      .call(axisRight(y2).tickValues(y2Ticks).tickFormat((v) => formatTick(+v, c.locale)).tickSizeOuter(0));
    stripAxisFont(gY2);
    gY2.select('.domain').style('stroke', overlayColor(o));
  });

  // bars: one path; the second run: one step curve
  const f = (v: number) => Math.round(v * 10) / 10;
  let bars = '';
  if (bins) {
    const e = binEdges(bins);
    heights.forEach((h, i) => {
      const x0 = xs(e[i]!) + 0.5;
      const w = Math.max(0.5, xs(e[i + 1]!) - xs(e[i]!) - 1);
      const y = ys(h);
      if (ih - y > 0) bars += `M${f(x0)},${f(ih)}V${f(y)}h${f(w)}V${f(ih)}Z`;
    });
  }
  let barPath = gBars.select<SVGPathElement>('path.gc-bar');
  if (barPath.empty()) barPath = gBars.append('path').attr('class', 'gc-bar').style('fill', c.color);
  setAttr(barPath.node()!, 'd', bars || null);
  let step = '';
  if (b2) {
    const e = binEdges(b2);
    step = `M${f(xs(e[0]!))},${f(ih)}`;
    heights2.forEach((h, i) => (step += `V${f(ys(h))}H${f(xs(e[i + 1]!))}`));
    step += `V${f(ih)}`;
  }
  gBars
    .selectAll<SVGPathElement, string>('path.gc-step')
    .data(b2 ? [step] : [])
    .join((enter) =>
      enter
        .append('path')
        .attr('class', 'gc-line gc-step')
        .style('stroke', c.color)
        .style('stroke-dasharray', c.compareDash ?? '4 2'),
    )
    .each(function (d) {
      setAttr(this, 'd', d);
    });

  onKeyChange(gOver, o ? `${xDom}|${iw}|${ih}|${y2Dom}` : 'none', () => {
    const d = samples()
      .filter((p) => Number.isFinite(p.y))
      .map((p, i) => `${i ? 'L' : 'M'}${xs(p.x).toFixed(1)},${y2(Math.max(y2Dom[0], Math.min(y2Dom[1], p.y))).toFixed(1)}`)
      .join('');
    gOver
      .selectAll<SVGPathElement, string>('path')
      .data(o ? [d] : [])
      .join('path')
      .attr('class', 'gc-line gc-overlay-line')
      .attr('d', (s) => s || null)
      .style('stroke', overlayColor(o));
  });

  onKeyChange(gTitles, `${showX}|${showY}|${iw}|${ih}|${left}|${c.xLabel}|${c.yLabel}`, () => {
    const labels = [
      ...(showX ? [{ cls: 'x', text: c.xLabel, x: iw / 2, y: ih + (c.compact ? 33 : 34), anchor: 'middle' }] : []),
      ...(showY ? [{ cls: 'y', text: c.yLabel, x: -left + 2, y: -10, anchor: 'start' }] : []),
    ];
    root
      .selectAll<SVGTextElement, (typeof labels)[number]>('text.gc-axis-label')
      .data(labels, (l) => l.cls)
      .join('text')
      .attr('class', 'gc-axis-label')
      .attr('text-anchor', (l) => l.anchor)
      .attr('x', (l) => l.x)
      .attr('y', (l) => l.y)
      .each(function (l) {
        setText(this, l.text);
      });
  });
}

function legendFor(opts: HistogramOptions & { runs?: ChartRun[] }, color: string): LegendItem[] {
  const items: LegendItem[] = [];
  if (opts.barLabel) items.push({ key: 'bars', label: opts.barLabel, swatch: { kind: 'box', color } });
  const [a, b] = opts.runs ?? [];
  if (a) items.push({ key: `run:${a.key}`, label: a.label, swatch: { kind: 'box', color } });
  if (b) items.push({ key: `run:${b.key}`, label: b.label, swatch: { kind: 'line', color, dash: compareDash(opts.runs) } });
  if (opts.overlay) items.push({ key: 'overlay', label: opts.overlay.label, swatch: { kind: 'line', color: overlayColor(opts.overlay) } });
  return items;
}

/** The second run's outline: its own dash, else the dash of its position. */
function compareDash(runs: readonly ChartRun[] | undefined): string {
  const b = runs?.[1];
  return (b && runStyle(runs, b.key)?.dash) || '4 2';
}

/** The panel settings a single histogram and every panel of a grid share. */
function basePanelCtx(opts: HistogramOptions, color: string): PanelCtx {
  return {
    locale: opts.locale,
    xLabel: opts.xLabel,
    yLabel: opts.yLabel,
    mode: opts.yMode ?? 'count',
    overlay: opts.overlay,
    color,
    compact: false,
  };
}

function renderHistTable(
  frameTable: DataTable,
  labels: HistogramTableLabels,
  panels: () => readonly { label: string | null; bins: Bins | null | undefined; compare?: Bins | null }[],
  locale: Lang,
  maxRows: number,
  withPanel: boolean,
  runs?: readonly ChartRun[],
) {
  frameTable.render(() => {
    const { rows, info } = histogramTableRows(panels(), locale, maxRows);
    const counts = runs && runs.length > 1 ? runs.slice(0, 2).map((r) => `${labels.count} (${r.label})`) : [labels.count];
    return {
      caption: tableCaption(labels, info),
      head: [...(withPanel ? [labels.panel ?? labels.rowHeader ?? ''] : []), labels.lo, labels.hi, ...counts],
      rows,
    };
  });
}

export function createHistogramGrid(container: HTMLElement, opts: HistogramGridOptions): HistogramGrid {
  let panels = opts.panels.slice();
  let bins: PanelBins = {};
  let compare: PanelBins | undefined;
  const dash = compareDash(opts.runs);
  const color = opts.color ?? seriesColor(0);
  const gap = 8;
  const frame = createChartFrame(container, {
    kind: 'histogram-grid',
    title: opts.title,
    name: opts.name,
    table: opts.table,
    onResize: () => draw(),
    noSvg: true,
  });
  frame.setLegend(legendFor(opts, color));
  const gridEl = frame.doc.createElement('div');
  gridEl.className = 'gc-grid-panels';
  gridEl.style.display = 'grid';
  gridEl.style.gap = `${gap}px`;
  frame.plot.append(gridEl);
  const grid = select(gridEl);

  // Panels are drawn a few at a time, each batch in a task of its own (a grid of a dozen panels
  // drawn at once is a long task on a slow machine); an update marks every panel to redraw and
  // the batches go on from where the last one stopped, so each panel shows its latest bins.
  const sliceMs = opts.sliceMs ?? 4;
  let dirty = new Set<string>();
  let cursor = 0;
  let layout = { cols: 1, pw: 0, yMax: undefined as number | undefined };
  const nextTask = opts.nextTask ?? ((batch: () => void) => setTimeout(batch, 0));
  /** a batch is waiting for its task; a cancelled one returns at once */
  let queued = false;
  let cancelled = false;

  function drawSome() {
    queued = false;
    if (cancelled) return;
    const nodes = gridEl.querySelectorAll<SVGSVGElement>(':scope > svg.gc-hist-panel');
    const deadline = performance.now() + sliceMs;
    for (let k = 0; k < panels.length && dirty.size; k++) {
      const i = (cursor + k) % panels.length;
      const p = panels[i]!;
      if (!dirty.delete(p.key)) continue;
      const node = nodes[i];
      if (!node) continue;
      drawPanel(select(node) as Svg, layout.pw, opts.panelHeight ?? 150, bins[p.key], {
        ...basePanelCtx(opts, color),
        yMax: layout.yMax,
        compare: compare?.[p.key],
        compareDash: dash,
        title: p.label,
        compact: true,
        showY: i % layout.cols === 0,
        showX: i + layout.cols >= panels.length,
      });
      if (performance.now() > deadline) {
        cursor = (i + 1) % panels.length;
        break;
      }
    }
    if (dirty.size) {
      queued = true;
      nextTask(drawSome);
    }
  }

  function draw() {
    const W = frame.width();
    const minW = opts.minPanelWidth ?? 150;
    const cols = Math.max(1, Math.min(panels.length || 1, Math.floor((W + gap) / (minW + gap))));
    const pw = Math.floor((W - (cols - 1) * gap) / cols);
    const columns = `repeat(${cols}, ${pw}px)`;
    if (gridEl.style.gridTemplateColumns !== columns) gridEl.style.gridTemplateColumns = columns;
    // the same columns as CSS, for a copy of the grid shown at another width (build-time figures)
    gridEl.style.setProperty('--gc-cols', `repeat(auto-fit, minmax(${minW}px, 1fr))`);
    let yMax: number | undefined;
    if (opts.sharedY !== false) {
      yMax = 0;
      for (const p of panels) {
        for (const b of [bins[p.key], compare?.[p.key]]) if (b) yMax = Math.max(yMax, ...binHeights(b, opts.yMode ?? 'count'));
      }
    }
    layout = { cols, pw, yMax };
    grid
      .selectAll<SVGSVGElement, HistogramPanel>('svg.gc-hist-panel')
      .data(panels, (p) => p.key)
      .join((enter) => enter.append('svg').attr('class', 'gc-svg gc-hist-panel').attr('role', 'img'))
      .each(function (p) {
        setAttr(this, 'aria-label', `${opts.title}: ${p.label}`);
        setAttr(this, 'data-key', p.key);
      });
    dirty = new Set(panels.map((p) => p.key));
    if (!queued) drawSome();
  }
  function table() {
    renderHistTable(
      frame.table,
      opts.table,
      () => panels.map((p) => ({ label: p.label, bins: bins[p.key], compare: compare?.[p.key] })),
      opts.locale,
      opts.tableRows ?? 2000,
      true,
      opts.runs,
    );
  }
  const redraw = () => {
    draw();
    table();
  };
  redraw();
  return {
    element: frame.figure,
    update(next, second) {
      bins = next;
      compare = second;
      redraw();
    },
    setPanels(next) {
      panels = next.slice();
      redraw();
    },
    destroy() {
      cancelled = true;
      frame.destroy();
    },
  };
}

