/**
 * Layer × step heatmap: rows = series (layers, top to bottom in the order
 * given), columns = steps, colour = log10 of the value on the cividis map.
 * When there are more steps than pixels, columns are bucketed (geometric mean;
 * a bucket with any NaN/±∞ is shown as non-finite, see `aggregateLog`).
 * Cells are painted on a <canvas> at one pixel per cell and scaled up;
 * axes, hatching for non-finite cells and dots for ≤ 0 cells are SVG on top.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { formatLogTick, formatTick, xOverhang, xTickSpacing, type Locale } from './format.ts';
import { aggregateLog, columnBuckets, type RowMode } from './downsample.ts';
import { renderStepTable, type TableLabels } from './data-table.ts';
import { cividisRgb } from './palette.ts';
import { createFrame, layer, onKeyChange, swatchSvg, SVG_NS, type LegendItem, type MarkLabels } from './frame.ts';
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
  locale: Locale;
  /** fixed colour range in data units (e.g. [1e-9, 1e2]); default fits the data in whole decades */
  domain?: Domain;
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

export type CellKind = 'value' | 'nonfinite' | 'nonpositive' | 'empty';

export interface CellGrid {
  rows: number;
  cols: number;
  /** aggregated value per cell, row-major */
  values: (number | null)[];
  /** data index where each column starts (length cols + 1) */
  starts: number[];
}

/** Aggregate `data` into at most `maxCols` columns per row (pure; exported for tests). */
export function heatmapCells(data: readonly StepPoint[], rowKeys: readonly string[], maxCols: number): CellGrid {
  const n = data.length;
  const starts = columnBuckets(n, maxCols);
  const cols = Math.max(0, starts.length - 1);
  const values: (number | null)[] = new Array(rowKeys.length * cols);
  const buf: (number | null | undefined)[] = new Array(n);
  rowKeys.forEach((k, r) => {
    for (let i = 0; i < n; i++) buf[i] = data[i]!.values[k];
    for (let c = 0; c < cols; c++) values[r * cols + c] = aggregateLog(buf, starts[c]!, starts[c + 1]!);
  });
  return { rows: rowKeys.length, cols, values, starts };
}

export function cellKind(v: number | null | undefined): CellKind {
  if (v === null || v === undefined) return 'empty';
  if (!Number.isFinite(v)) return 'nonfinite';
  return v > 0 ? 'value' : 'nonpositive';
}

export function createHeatmap(container: HTMLElement, opts: HeatmapOptions): Heatmap {
  const locale = opts.locale;
  let rows = opts.rows.slice();
  let data: readonly StepPoint[] = [];

  const frame = createFrame(container, {
    kind: 'heatmap',
    title: opts.title,
    name: opts.name,
    table: opts.table,
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
  frame.plot.style.position = 'relative';
  frame.plot.prepend(canvas);
  svg.style('position', 'relative');

  const root = layer(svg, 'gc-root');
  const gX = layer(root, 'gc-axis gc-axis-x');
  const gY = layer(root, 'gc-axis gc-axis-y');
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

  function draw() {
    const W = frame.width();
    const nRows = rows.length;
    const ih = opts.plotHeight ?? Math.round(Math.max(100, Math.min(280, nRows * 16)));
    const H = ih + M_TOP + M_BOTTOM;
    sizeSvg(svg, W, H);

    const rowLabels = rows.map((r) => r.label);
    const left = labelMargin(rowLabels, FONT);

    // ----- axes
    const n = data.length;
    const x0 = n ? data[0]!.x : 0;
    const dx = n > 1 && data[n - 1]!.x > x0 ? (data[n - 1]!.x - x0) / (n - 1) : 1;
    const xDom: Domain = [x0, x0 + Math.max(1, n) * dx];
    const iw = Math.max(40, W - left - Math.max(M_RIGHT, xOverhang(xDom, locale)));

    const keys = rows.map((r) => r.key);
    const grid = heatmapCells(data, keys, Math.floor(iw));
    const all: number[] = [];
    for (const v of grid.values) if (isLogDrawable(v)) all.push(v);
    const dom = opts.domain ?? niceLogDomain(all);
    drawColorBar(dom);

    const xs = scaleLinear()
      .domain(xDom)
      .range([0, iw]);
    const xTicks = linearTicks(xDom, iw, xTickSpacing(xDom, locale)).filter((v) => Number.isInteger(v));
    const yb = scaleBand<number>()
      .domain(rows.map((_, i) => i))
      .range([0, ih]);
    const yLabelled = thinCategoryLabels(nRows, yb.step(), FONT + 4);

    root.attr('transform', `translate(${left},${M_TOP})`);
    titles.place(iw, ih, left, -10);
    frameRect.attr('width', iw).attr('height', ih);

    onKeyChange(gX, `${xs.domain()}|${iw}|${ih}|${xTicks}`, () => drawBottomAxis(gX, xs, xTicks, (v) => formatTick(+v, locale), ih));
    onKeyChange(gY, `${rowLabels}|${ih}|${yLabelled}`, () => drawLeftAxis(gY, yb, yLabelled, (i) => rowLabels[i] ?? ''));

    // ----- cells on canvas (one pixel per cell, scaled)
    Object.assign(canvas.style, { left: `${left}px`, top: `${M_TOP}px`, width: `${iw}px`, height: `${ih}px` });
    const cols = Math.max(1, grid.cols);
    const rr = Math.max(1, nRows);
    if (canvas.width !== cols || canvas.height !== rr || !ctx || !image) {
      canvas.width = cols;
      canvas.height = rr;
      ctx = canvas.getContext('2d');
      image = ctx ? ctx.createImageData(cols, rr) : null;
    }
    const l0 = Math.log10(dom[0]);
    const span = Math.log10(dom[1]) - l0 || 1;
    const table = colorLut();
    const over: { kind: 'nonfinite' | 'nonpositive'; r: number; c0: number; c1: number }[] = [];
    if (image && ctx) {
      const px = image.data;
      px.fill(0);
      for (let r = 0; r < grid.rows; r++) {
        let run: (typeof over)[number] | null = null;
        for (let c = 0; c < grid.cols; c++) {
          const v = grid.values[r * grid.cols + c];
          const kind = cellKind(v);
          if (kind === 'value') {
            const t = Math.max(0, Math.min(1, (Math.log10(v as number) - l0) / span));
            const li = Math.round(t * 255) * 3;
            const o = (r * cols + c) * 4;
            px[o] = table[li]!;
            px[o + 1] = table[li + 1]!;
            px[o + 2] = table[li + 2]!;
            px[o + 3] = 255;
          }
          if (kind === 'nonfinite' || kind === 'nonpositive') {
            if (run && run.kind === kind && run.c1 === c - 1) run.c1 = c;
            else {
              run = { kind, r, c0: c, c1: c };
              over.push(run);
            }
          } else run = null;
        }
      }
      ctx.putImageData(image, 0, 0);
    }
    const cw = iw / cols;
    const rh = ih / rr;
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

  function renderTable() {
    renderStepTable(frame.table, data, rows, opts);
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
      frame.destroy();
    },
  };
}
