/**
 * Layer × step heatmap: rows = series (layers, top to bottom in the order
 * given), columns = steps, colour = log10 of the value on the cividis map.
 * When there are more steps than pixels, a column holds several steps (geometric
 * mean; a column with any NaN/±∞ shows as non-finite, see `cell-grid.ts`).
 * Cells are painted on a <canvas> at one pixel per cell and scaled up;
 * axes, hatching for non-finite cells and dots for ≤ 0 cells are SVG on top.
 * With a fixed `xDomain` a growing series paints only the columns its new steps
 * fall in. Two heatmaps (one per run) compare on one colour scale given a
 * {@link SharedLogDomain} as `domain`.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { formatLogTick, formatTick, xOverhang, xTickSpacing } from './format.ts';
import type { Lang } from '../i18n/locales.ts';
import type { RowMode } from './downsample.ts';
import { stepTable, type TableLabels } from './data-table.ts';
import { addValue, cellKind, cellValue, columnOf, createCellGrid, isSharedDomain, type CellGrid, type SharedLogDomain } from './cell-grid.ts';
import { cividisRgb } from './palette.ts';
import { createChartFrame, layer, onKeyChange, swatchSvg, SVG_NS, type G, type LegendItem, type MarkLabels } from './frame.ts';
import { axisTitles, drawBottomAxis, drawLeftAxis, labelMargin, sizeSvg } from './axes.ts';
import { isLogDrawable, linearTicks, logTicks, niceLogDomain, thinCategoryLabels, type Domain } from './ticks.ts';
import type { StepPoint } from './line.ts';

export interface HeatmapRow {
  key: string;
  label: string;
}

export interface HeatmapOptions {
  name: string;
  title: string;
  /** e.g. "Step" */
  xLabel: string;
  /** e.g. "Layer" */
  yLabel: string;
  /** legend text next to the colour bar, e.g. "‖∂L/∂W‖ (log scale)" */
  colorLabel: string;
  rows: HeatmapRow[];
  table: TableLabels;
  locale: Lang;
  /**
   * colour range: fixed in data units (e.g. [1e-9, 1e2]), or shared with other heatmaps
   * (`createSharedLogDomain()`); default fits this heatmap's data in whole decades
   */
  domain?: Domain | SharedLogDomain;
  /** fixed x range (e.g. [0, totalSteps]): columns stay put and updates paint only new ones */
  xDomain?: Domain;
  /** `data-run` of the table: this heatmap holds one run's numbers */
  run?: string;
  /** legend text for hatched (NaN/±∞) and dotted (≤ 0) cells; no legend entry without it */
  marks?: MarkLabels;
  /** plot-area height in px; default from the row count (100…280) */
  plotHeight?: number;
  tableRows?: number;
  tableMode?: RowMode;
}

export interface Heatmap {
  readonly element: HTMLElement;
  update(data: readonly StepPoint[]): void;
  setRows(rows: HeatmapRow[]): void;
  destroy(): void;
}

/** room above the plot for the (horizontal) y-axis title */
const M_TOP = 24;
const M_RIGHT = 12;
const M_BOTTOM = 40;
const FONT = 12;
const BAR_W = 200;
const BAR_PAD = 16;

let lut: Uint8ClampedArray | null = null;
/** Cells of the svg fallback are at least this many px wide: a few hundred rects per row at most. */
const SVG_CELL = 3;

function hasCanvas(canvas: HTMLCanvasElement): boolean {
  try {
    return !!canvas.getContext('2d');
  } catch {
    return false;
  }
}

/** A cell's colour on the cividis map: its index into {@link colorLut}, or -1 where it has no colour. */
function colorIndex(v: number | null, l0: number, span: number): number {
  if (cellKind(v) !== 'value') return -1;
  return Math.round(Math.max(0, Math.min(1, (Math.log10(v!) - l0) / span)) * 255);
}

/** The cells as svg rects, one per run of equally coloured cells in a row: the canvas's picture without a canvas. */
function drawSvgCells(g: G, grid: CellGrid, dom: Domain, cw: number, rh: number) {
  const l0 = Math.log10(dom[0]);
  const span = Math.log10(dom[1]) - l0 || 1;
  const table = colorLut();
  const cells: { r: number; c0: number; c1: number; color: string }[] = [];
  for (let r = 0; r < grid.rows; r++) {
    let last: (typeof cells)[number] | null = null;
    let lastIndex = -1;
    for (let c = 0; c < grid.cols; c++) {
      const li = colorIndex(cellValue(grid, r, c), l0, span);
      if (li >= 0 && li === lastIndex && last) last.c1 = c;
      else if (li >= 0) {
        last = { r, c0: c, c1: c, color: `rgb(${table[li * 3]},${table[li * 3 + 1]},${table[li * 3 + 2]})` };
        cells.push(last);
      }
      lastIndex = li;
    }
  }
  g.selectAll<SVGRectElement, (typeof cells)[number]>('rect')
    .data(cells)
    .join('rect')
    .attr('x', (d) => (d.c0 * cw).toFixed(1))
    .attr('y', (d) => (d.r * rh).toFixed(1))
    .attr('width', (d) => ((d.c1 - d.c0 + 1) * cw).toFixed(1))
    .attr('height', rh.toFixed(1))
    .attr('fill', (d) => d.color);
}

function colorLut(): Uint8ClampedArray {
  if (!lut) {
    lut = new Uint8ClampedArray(256 * 3);
    for (let i = 0; i < 256; i++) {
      const [r, g, b] = cividisRgb(i / 255);
      lut[i * 3] = r;
      lut[i * 3 + 1] = g;
      lut[i * 3 + 2] = b;
    }
  }
  return lut;
}

export function createHeatmap(container: HTMLElement, opts: HeatmapOptions): Heatmap {
  const locale = opts.locale;
  let rows = opts.rows.slice();
  let data: readonly StepPoint[] = [];

  const frame = createChartFrame(container, {
    kind: 'heatmap',
    title: opts.title,
    name: opts.name,
    table: opts.table,
    run: opts.run,
    onResize: () => draw(),
  });
  const doc = frame.doc;
  const svg = frame.svg;
  const hatchId = `${frame.id}-hatch`;
  const dotsId = `${frame.id}-dots`;
  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', hatchId)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)')
    .append('rect')
    .attr('width', 2.2)
    .attr('height', 6)
    .style('fill', 'currentColor');
  defs
    .append('pattern')
    .attr('id', dotsId)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 4)
    .attr('height', 4)
    .append('circle')
    .attr('cx', 2)
    .attr('cy', 2)
    .attr('r', 0.9)
    .style('fill', 'currentColor');

  const canvas = doc.createElement('canvas');
  canvas.className = 'gc-heatmap-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, { position: 'absolute', imageRendering: 'pixelated', left: '0', top: '0' });
  // Without a canvas (a page built in Node, src/figures/) the cells are svg rects, at least SVG_CELL px wide.
  const canPaint = hasCanvas(canvas);
  if (canPaint) {
    frame.plot.style.position = 'relative';
    frame.plot.prepend(canvas);
    svg.style('position', 'relative');
  }

  const root = layer(svg, 'gc-root');
  const gX = layer(root, 'gc-axis gc-axis-x');
  const gY = layer(root, 'gc-axis gc-axis-y');
  const gCells = canPaint ? null : layer(root, 'gc-cells');
  const gOver = layer(root, 'gc-cells-over');
  const frameRect = root.append('rect').attr('class', 'gc-plot-frame');
  const titles = axisTitles(root, opts.xLabel, opts.yLabel);

  // ----- legend: colour bar + pattern swatches
  const bar = doc.createElementNS(SVG_NS, 'svg');
  bar.setAttribute('class', 'gc-colorbar');
  bar.setAttribute('width', String(BAR_W + 2 * BAR_PAD));
  bar.setAttribute('height', '30');
  bar.setAttribute('aria-hidden', 'true');
  const gradId = `${frame.id}-grad`;
  bar.innerHTML =
    `<defs><linearGradient id="${gradId}" x1="0" x2="1" y1="0" y2="0">` +
    Array.from({ length: 11 }, (_, i) => {
      const [r, g, b] = cividisRgb(i / 10);
      return `<stop offset="${i / 10}" stop-color="rgb(${r},${g},${b})"/>`;
    }).join('') +
    `</linearGradient></defs><rect x="${BAR_PAD}" y="1" width="${BAR_W}" height="10" fill="url(#${gradId})"/><g class="gc-colorbar-ticks"></g>`;
  const barTicks = bar.querySelector('g') as SVGGElement;

  function patternSwatch(id: string): Element {
    const s = swatchSvg(doc);
    s.innerHTML = `<rect x="3" y="0.5" width="16" height="11" fill="url(#${id})" class="gc-swatch-outline"/>`;
    return s;
  }
  const legend: LegendItem[] = [{ key: 'colorbar', label: opts.colorLabel, swatch: { kind: 'node', node: bar } }];
  if (opts.marks?.nonFinite) legend.push({ key: 'mark:up', label: opts.marks.nonFinite, swatch: { kind: 'node', node: patternSwatch(hatchId) } });
  if (opts.marks?.nonPositive) legend.push({ key: 'mark:down', label: opts.marks.nonPositive, swatch: { kind: 'node', node: patternSwatch(dotsId) } });
  frame.setLegend(legend);
  frame.legend.querySelector('li')?.classList.add('gc-legend-colorbar');

  let barKey = '';
  function drawColorBar(dom: Domain) {
    const t = logTicks(dom, BAR_W, 40);
    const l0 = Math.log10(dom[0]);
    const l1 = Math.log10(dom[1]);
    const key = `${dom}|${t.major}`;
    if (key === barKey) return;
    barKey = key;
    barTicks.replaceChildren(
      ...t.major.map((v) => {
        const x = BAR_PAD + ((Math.log10(v) - l0) / (l1 - l0)) * BAR_W;
        const g = doc.createElementNS(SVG_NS, 'g');
        g.setAttribute('transform', `translate(${x.toFixed(1)},0)`);
        const line = doc.createElementNS(SVG_NS, 'line');
        line.setAttribute('y1', '11');
        line.setAttribute('y2', '14');
        line.setAttribute('stroke', 'currentColor');
        const text = doc.createElementNS(SVG_NS, 'text');
        text.setAttribute('y', '26');
        text.setAttribute('text-anchor', 'middle');
        text.textContent = formatLogTick(v, locale, t.pow);
        g.append(line, text);
        return g;
      }),
    );
  }

  let ctx: CanvasRenderingContext2D | null = null;
  let image: ImageData | null = null;
  /** the cells so far, valid while `gridKey` holds; `added` data points are in it */
  let grid: CellGrid | null = null;
  let gridKey = '';
  let added = 0;
  let head: StepPoint | undefined;
  let tail: StepPoint | undefined;
  let paintedDom = '';
  let overKey = '';
  const shared = isSharedDomain(opts.domain) ? opts.domain : null;
  const member = {};
  shared?.join(member, () => draw());

  function draw() {
    const W = frame.width();
    const nRows = rows.length;
    const ih = opts.plotHeight ?? Math.round(Math.max(100, Math.min(280, nRows * 16)));
    const H = ih + M_TOP + M_BOTTOM;
    sizeSvg(svg, W, H);

    const rowLabels = rows.map((r) => r.label);
    const left = labelMargin(rowLabels, FONT);

    // ----- x: the data's range, or the fixed one (widened if data falls outside)
    const n = data.length;
    const first = n ? data[0]!.x : 0;
    const dx = n > 1 && data[n - 1]!.x > first ? (data[n - 1]!.x - first) / (n - 1) : 1;
    let xDom: Domain = [first, first + Math.max(1, n) * dx];
    if (opts.xDomain) xDom = [Math.min(opts.xDomain[0], xDom[0]), Math.max(opts.xDomain[1], n ? data[n - 1]!.x + dx : -Infinity)];
    const iw = Math.max(40, W - left - Math.max(M_RIGHT, xOverhang(xDom, locale)));
    const cols = Math.max(1, Math.min(Math.floor(canPaint ? iw : iw / SVG_CELL), Math.round((xDom[1] - xDom[0]) / dx)));

    // ----- cells: add the new points, or start over when the columns or rows changed
    const key = `${xDom}|${cols}|${rows.map((r) => r.key)}`;
    const grows = grid !== null && key === gridKey && n >= added && data[0] === head && (added === 0 || data[added - 1] === tail);
    if (!grows) {
      grid = createCellGrid(nRows, cols, xDom[0], xDom[1]);
      gridKey = key;
      added = 0;
      paintedDom = '';
    }
    const g = grid!;
    let dirtyFrom = cols;
    for (let i = added; i < n; i++) {
      const d = data[i]!;
      dirtyFrom = Math.min(dirtyFrom, columnOf(g, d.x));
      rows.forEach((r, ri) => addValue(g, ri, d.x, d.values[r.key]));
    }
    added = n;
    head = data[0];
    tail = data[n - 1];
    if (shared && g.min <= g.max) shared.report(member, g.min, g.max);
    const dom = shared ? shared.domain() : ((opts.domain as Domain | undefined) ?? niceLogDomain([g.min, g.max]));
    drawColorBar(dom);

    const xs = scaleLinear().domain(xDom).range([0, iw]);
    const xTicks = linearTicks(xDom, iw, xTickSpacing(xDom, locale)).filter((v) => Number.isInteger(v));
    const yb = scaleBand<number>()
      .domain(rows.map((_, i) => i))
      .range([0, ih]);
    const yLabelled = thinCategoryLabels(nRows, yb.step(), FONT + 4);

    onKeyChange(root, `${left}|${iw}|${ih}`, () => {
      root.attr('transform', `translate(${left},${M_TOP})`);
      titles.place(iw, ih, left, -10);
      frameRect.attr('width', iw).attr('height', ih);
      Object.assign(canvas.style, { left: `${left}px`, top: `${M_TOP}px`, width: `${iw}px`, height: `${ih}px` });
    });

    onKeyChange(gX, `${xs.domain()}|${iw}|${ih}|${xTicks}`, () => drawBottomAxis(gX, xs, xTicks, (v) => formatTick(+v, locale), ih));
    onKeyChange(gY, `${rowLabels}|${ih}|${yLabelled}`, () => drawLeftAxis(gY, yb, yLabelled, (i) => rowLabels[i] ?? ''));

    // ----- cells on canvas (one pixel per cell, scaled): only the columns that changed
    const rr = Math.max(1, nRows);
    if (canvas.width !== cols || canvas.height !== rr || !ctx || !image) {
      canvas.width = cols;
      canvas.height = rr;
      ctx = canvas.getContext('2d');
      image = ctx ? ctx.createImageData(cols, rr) : null;
      paintedDom = '';
    }
    const domKey = String(dom);
    if (domKey !== paintedDom) dirtyFrom = 0;
    paintedDom = domKey;
    if (image && ctx && dirtyFrom < cols) {
      const l0 = Math.log10(dom[0]);
      const span = Math.log10(dom[1]) - l0 || 1;
      const table = colorLut();
      const px = image.data;
      for (let r = 0; r < g.rows; r++) {
        for (let c = dirtyFrom; c < cols; c++) {
          const o = (r * cols + c) * 4;
          const li = colorIndex(cellValue(g, r, c), l0, span) * 3;
          if (li < 0) {
            px[o + 3] = 0;
            continue;
          }
          px[o] = table[li]!;
          px[o + 1] = table[li + 1]!;
          px[o + 2] = table[li + 2]!;
          px[o + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0, dirtyFrom, 0, cols - dirtyFrom, rr);
    }

    if (gCells) drawSvgCells(gCells, g, dom, iw / cols, ih / Math.max(1, nRows));

    // ----- hatching (NaN/±∞) and dots (≤ 0) over runs of such cells
    const over: { kind: 'nonfinite' | 'nonpositive'; r: number; c0: number; c1: number }[] = [];
    for (let r = 0; r < g.rows; r++) {
      let run: (typeof over)[number] | null = null;
      for (let c = 0; c < cols; c++) {
        const kind = cellKind(cellValue(g, r, c));
        if (kind === 'nonfinite' || kind === 'nonpositive') {
          if (run && run.kind === kind && run.c1 === c - 1) run.c1 = c;
          else {
            run = { kind, r, c0: c, c1: c };
            over.push(run);
          }
        } else run = null;
      }
    }
    const cw = iw / cols;
    const rh = ih / rr;
    const ok = `${cw}|${rh}|${over.map((o) => `${o.kind}${o.r},${o.c0},${o.c1}`)}`;
    if (ok === overKey) return;
    overKey = ok;
    gOver
      .selectAll<SVGRectElement, (typeof over)[number]>('rect')
      .data(over)
      .join('rect')
      .attr('x', (o) => o.c0 * cw)
      .attr('width', (o) => (o.c1 - o.c0 + 1) * cw)
      .attr('y', (o) => o.r * rh)
      .attr('height', rh)
      .attr('data-kind', (o) => o.kind)
      .attr('fill', (o) => `url(#${o.kind === 'nonfinite' ? hatchId : dotsId})`);
  }

  const table = stepTable(frame.table, opts);
  function renderTable() {
    table(data, rows);
  }

  draw();
  renderTable();

  return {
    element: frame.figure,
    update(next) {
      data = next;
      draw();
      renderTable();
    },
    setRows(next) {
      rows = next.slice();
      draw();
      renderTable();
    },
    destroy() {
      shared?.leave(member);
      frame.destroy();
    },
  };
}
