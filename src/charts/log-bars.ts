/**
 * Per-layer bars on a log axis (x = layer 1…L, y = e.g. gradient norm),
 * optionally several bar groups side by side (weights / biases) and a
 * horizontal reference line. Bars and the major gridlines are painted on a canvas
 * under the svg (an update is a few dozen fills, not a join of SVG rects); axes, edge
 * marks and the reference line stay in the svg. A bar's tooltip follows the pointer.
 */
import { scaleBand, scaleLog } from 'd3-scale';
import { estimateTextWidth, formatLogTick, formatNumber } from './format.ts';
import type { Lang } from '../i18n/locales.ts';
import { rawValue, tableCaption, tableInfo, valueCell, type Cell, type TableLabels } from './data-table.ts';
import { axisTitles, drawBottomAxis, drawGridlines, drawLeftAxis, drawRefLines, labelMargin, ruleHeight, sizeSvg, type HeightRule } from './axes.ts';
import { selectRows } from './downsample.ts';
import { CSS, seriesColor } from './palette.ts';
import {
  createChartFrame,
  layer,
  markKind,
  markLegendItems,
  onKeyChange,
  setText,
  showMarkLegend,
  MARK_DOWN,
  MARK_UP,
  type G,
  type LegendItem,
  type MarkLabels,
} from './frame.ts';
import { colorIndices, patternFill, runLegend, runStyle, type ChartRun, type FillPattern } from './runs.ts';
import { createCanvasLayer } from './canvas-layer.ts';
import { holdLogDomain, isLogDrawable, logTicks, niceLogDomain, thinCategoryLabels, type Domain } from './ticks.ts';
import type { RefLine } from './line.ts';

export interface BarGroup {
  key: string;
  label: string;
  color?: string;
  /** the run (a key of `runs`) this group belongs to: it takes the run's fill pattern */
  run?: string;
  /** fill; default: its run's pattern, else solid */
  pattern?: FillPattern;
}

export interface LogBarOptions {
  name: string;
  title: string;
  /** e.g. "Layer" / "层" */
  xLabel: string;
  yLabel: string;
  /** bar groups side by side within each category, in this order */
  groups: BarGroup[];
  /**
   * Runs on this chart (a comparison): groups with the same label share a colour, each run
   * has its fill pattern, and the legend names each label once and each run once.
   */
  runs?: ChartRun[];
  /** `data-run` of the table when it holds one run's numbers */
  run?: string;
  table: TableLabels;
  locale: Lang;
  /** label of category i (0-based); default `String(i + 1)` */
  categoryLabel?: (i: number) => string;
  height?: number;
  /** fixed y range; default fits the data in whole decades */
  yDomain?: Domain;
  reference?: RefLine | null;
  marks?: MarkLabels;
}

export interface LogBarData {
  /** per group key, one value per category (layer); the longest array sets L */
  values: Record<string, readonly (number | null | undefined)[]>;
  /** replaces the reference line when given (null removes it) */
  reference?: RefLine | null;
}

export interface LogBarChart {
  readonly element: HTMLElement;
  update(data: LogBarData): void;
  destroy(): void;
}

/** The svg's height when the options give none: a share of the width, within bounds. */
const BAR_HEIGHT: HeightRule = { min: 230, max: 320, share: 0.45 };
/** room above the plot for the (horizontal) y-axis title */
const M_TOP = 30;
const M_RIGHT = 12;
const M_BOTTOM = 40;
const FONT = 12;

interface Bar {
  key: string;
  g: number;
  i: number;
  x: number;
  w: number;
  v: number | null | undefined;
  color: string;
  pattern: FillPattern;
}

export function createLogBarChart(container: HTMLElement, opts: LogBarOptions): LogBarChart {
  const locale = opts.locale;
  const catLabel = opts.categoryLabel ?? ((i: number) => String(i + 1));
  let values: LogBarData['values'] = {};
  let reference: RefLine | null = opts.reference ?? null;

  const frame = createChartFrame(container, {
    kind: 'bars',
    title: opts.title,
    name: opts.name,
    table: opts.table,
    run: opts.run,
    onResize: () => draw(),
  });
  const svg = frame.svg;
  const paint = createCanvasLayer(frame.plot, svg.node()!, () => draw());
  const root = layer(svg, 'gc-root');
  const gGrid = layer(root, 'gc-grid');
  const gX = layer(root, 'gc-axis gc-axis-x');
  const gY = layer(root, 'gc-axis gc-axis-y');
  const hit = root.append('rect').attr('class', 'gc-hit');
  const hitTitle = hit.append('title');
  const gRefs = layer(root, 'gc-refs');
  const gMarks = layer(root, 'gc-marks');
  const titles = axisTitles(root, opts.xLabel, opts.yLabel);

  const withRuns = !!opts.runs?.length;
  const colorIdx = colorIndices(opts.groups.map((g) => g.label), withRuns);
  const colorOf = (g: BarGroup, i: number) => g.color ?? seriesColor(colorIdx[i]!);
  const patternOf = (g: BarGroup) => g.pattern ?? runStyle(opts.runs, g.run)?.pattern ?? 'solid';
  const legendItems: LegendItem[] = withRuns
    ? runLegend(opts.groups.map((g, i) => ({ label: g.label, color: colorOf(g, i) })), opts.runs!, 'box')
    : opts.groups.map((g, i) => ({ key: `g:${g.key}`, label: g.label, swatch: { kind: 'box', color: colorOf(g, i), pattern: patternOf(g) } }));
  frame.setLegend([...legendItems, ...markLegendItems(opts.marks)]);
  const groupLabel = (gi: number) => {
    const g = opts.groups[gi];
    const run = opts.runs?.find((r) => r.key === g?.run);
    return run ? `${g?.label ?? ''} (${run.label})` : (g?.label ?? '');
  };

  /** the y range drawn last: the next one holds it while values wobble (see holdLogDomain) */
  let shownDomain: Domain | null = null;

  function categories(): number {
    let n = 0;
    for (const g of opts.groups) n = Math.max(n, values[g.key]?.length ?? 0);
    return n;
  }

  /** a bar's tooltip, written when the pointer reaches it (not on every update) */
  const barTitle = (b: Bar) => `${groupLabel(b.g)} · ${opts.xLabel} ${catLabel(b.i)}: ${formatNumber(b.v, locale)}`;
  /** the bars last painted and the plot's offset in the svg, for the tooltip */
  let painted: { bars: Bar[]; left: number; tops: Float64Array } = { bars: [], left: 0, tops: new Float64Array(0) };
  hit.on('pointermove', (e: PointerEvent) => {
    const box = (svg.node() as SVGSVGElement).getBoundingClientRect();
    const x = e.clientX - box.left - painted.left;
    const y = e.clientY - box.top - M_TOP;
    const k = painted.bars.findIndex((b, j) => x >= b.x && x <= b.x + b.w && y >= painted.tops[j]! - 4);
    setText(hitTitle.node()!, k < 0 ? '' : barTitle(painted.bars[k]!));
  });

  function draw() {
    const W = frame.width();
    const H = opts.height ?? ruleHeight(BAR_HEIGHT, W);
    sizeSvg(svg, W, H, opts.height === undefined ? BAR_HEIGHT : undefined);
    const ih = Math.max(40, H - M_TOP - M_BOTTOM);
    const n = categories();

    const all: (number | null | undefined)[] = [];
    for (const g of opts.groups) for (const v of values[g.key] ?? []) all.push(v);
    if (reference && reference.y > 0) all.push(reference.y);
    const yDom = (shownDomain = opts.yDomain ?? holdLogDomain(shownDomain, niceLogDomain(all)));
    const t = logTicks(yDom, ih, FONT + 8);
    const yFmt = (v: number) => formatLogTick(v, locale, t.pow);
    const yLabels = t.major.map(yFmt);
    const left = labelMargin(yLabels, FONT);
    const iw = Math.max(40, W - left - M_RIGHT);

    const idx = Array.from({ length: n }, (_, i) => i);
    const xb = scaleBand<number>().domain(idx).range([0, iw]).paddingInner(n > 24 ? 0.12 : 0.25).paddingOuter(0.1);
    const ys = scaleLog().domain(yDom).range([ih, 0]).clamp(true);
    const maxLabelW = Math.max(12, ...idx.map((i) => estimateTextWidth(catLabel(i), FONT)));
    const labelled = thinCategoryLabels(n, xb.step(), maxLabelW + 10);

    onKeyChange(root, `${left}|${iw}|${ih}`, () => {
      root.attr('transform', `translate(${left},${M_TOP})`);
      titles.place(iw, ih, left, -14);
      hit.attr('width', iw).attr('height', ih);
    });

    onKeyChange(gX, `${n}|${iw}|${ih}|${labelled}`, () => drawBottomAxis(gX, xb, labelled, (i) => catLabel(i), ih));
    // Bars and major gridlines go on the canvas; where there is none (a page built in Node), in the svg.
    const ctx = paint.begin(W, H);
    onKeyChange(gY, `${yDom}|${iw}|${ih}|${yLabels}|${t.minor.length}|${!ctx}`, () => {
      drawLeftAxis(gY, ys, t.major, (v) => yFmt(+v));
      drawGridlines(gGrid, ys, ctx ? [] : t.major, iw, t.minor);
    });

    // ----- bars
    const ng = Math.max(1, opts.groups.length);
    const sub = xb.bandwidth() / ng;
    const bars: Bar[] = [];
    opts.groups.forEach((g, gi) => {
      const arr = values[g.key] ?? [];
      for (let i = 0; i < n; i++) {
        bars.push({
          key: `${g.key}:${i}`,
          g: gi,
          i,
          x: (xb(i) ?? 0) + gi * sub,
          w: Math.max(1, sub - (ng > 1 ? Math.min(2, sub * 0.15) : 0)),
          v: arr[i],
          color: colorOf(g, gi),
          pattern: patternOf(g),
        });
      }
    });
    const tops = new Float64Array(bars.length);
    bars.forEach((b, j) => (tops[j] = isLogDrawable(b.v) ? Math.min(ih - 1, ys(b.v)) : ih));
    painted = { bars, left, tops };
    if (!ctx) drawSvgBars(bars, tops, ih);
    else {
      ctx.translate(left, M_TOP);
      ctx.strokeStyle = paint.color(CSS.grid);
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const v of t.major) {
        const y = Math.round(ys(v)) + 0.5;
        ctx.moveTo(0, y);
        ctx.lineTo(iw, y);
      }
      ctx.stroke();
      bars.forEach((b, j) => {
        const top = tops[j]!;
        if (top >= ih) return;
        ctx.fillStyle = paint.fill(ctx, b.color, b.pattern);
        ctx.fillRect(b.x, top, b.w, ih - top);
        if (b.pattern !== 'solid') {
          // a patterned bar keeps a solid outline in its colour, as its legend swatch does
          ctx.strokeStyle = paint.color(b.color);
          ctx.lineWidth = 1;
          ctx.strokeRect(b.x + 0.5, top + 0.5, Math.max(0, b.w - 1), Math.max(0, ih - top - 1));
        }
      });
    }

    // ----- marks for values a log axis cannot show
    const markData = bars
      .map((b) => ({ b, kind: markKind(b.v, true) }))
      .filter((m): m is { b: Bar; kind: 'up' | 'down' } => m.kind !== null);
    gMarks
      .selectAll<SVGPathElement, (typeof markData)[number]>('path.gc-mark')
      .data(markData, (m) => m.b.key)
      .join((enter) => enter.append('path').attr('class', 'gc-mark').call((p) => p.append('title')))
      .attr('d', (m) => (m.kind === 'up' ? MARK_UP : MARK_DOWN))
      .attr('transform', (m) => `translate(${m.b.x + m.b.w / 2},${m.kind === 'up' ? 0 : ih})`)
      .style('fill', (m) => m.b.color)
      .style('stroke', CSS.bg)
      .select('title')
      .each(function (m) {
        setText(this as Element, barTitle(m.b));
      });
    showMarkLegend(frame, markData);

    // ----- reference line
    const refs = reference && reference.y >= yDom[0] && reference.y <= yDom[1] ? [reference] : [];
    drawRefLines(gRefs, refs, (r) => ys(r.y), iw);
  }

  /** The bars as svg rects, under the marks: what the canvas paints, where there is no canvas. */
  function drawSvgBars(bars: readonly Bar[], tops: Float64Array, ih: number) {
    const g = gBars ?? (gBars = root.insert('g', '.gc-refs').attr('class', 'gc-bar-rects') as unknown as G);
    const defs = (svg.select<SVGDefsElement>('defs').node() ?? svg.insert('defs', ':first-child').node())!;
    const shown = bars.flatMap((b, j) => (tops[j]! < ih ? [{ b, top: tops[j]! }] : []));
    g.selectAll<SVGRectElement, (typeof shown)[number]>('rect')
      .data(shown, (d) => d.b.key)
      .join('rect')
      .attr('x', (d) => d.b.x.toFixed(1))
      .attr('y', (d) => d.top.toFixed(1))
      .attr('width', (d) => d.b.w.toFixed(1))
      .attr('height', (d) => (ih - d.top).toFixed(1))
      .style('fill', (d) => patternFill(defs, `${frame.id}-fill-${d.b.g}`, d.b.color, d.b.pattern))
      .style('stroke', (d) => (d.b.pattern === 'solid' ? null : d.b.color));
  }
  let gBars: G | undefined;

  function renderTable() {
    const current = values;
    frame.table.render(() => {
      const n = categories();
      const sel = selectRows(n, 200, 'stride');
      const rows: Cell[][] = sel.indices.map((i) => [
        { text: catLabel(i), value: rawValue(i + 1) },
        ...opts.groups.map((g) => valueCell(current[g.key]?.[i], locale)),
      ]);
      const labels = opts.table;
      return {
        caption: tableCaption(labels, tableInfo(rows, n, sel)),
        head: [labels.rowHeader ?? opts.xLabel, ...opts.groups.map((g, gi) => labels.columns?.[g.key] ?? groupLabel(gi))],
        rows,
      };
    });
  }

  draw();
  renderTable();

  return {
    element: frame.figure,
    update(data) {
      values = data.values;
      if (data.reference !== undefined) reference = data.reference;
      draw();
      renderTable();
    },
    destroy() {
      paint.destroy();
      frame.destroy();
    },
  };
}
