// @vitest-environment happy-dom
/**
 * The charts as a reader meets them, in a DOM: what is drawn where, what the legend says,
 * what the data table holds. Pixel positions are checked against the chart's own axis ticks
 * (the point for 10 sits on the tick labelled 10), not against copied numbers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLineChart, extendMarkRuns, extendPath, labelWidth, newPathState, markRuns, CHUNK_POINTS, type MarkRun, type StepPoint, type XBand } from './line.ts';
import { createLogBarChart } from './log-bars.ts';
import { createHeatmap } from './heatmap.ts';
import { addValue, cellKind, cellValue, createCellGrid, createSharedLogDomain } from './cell-grid.ts';
import { binEdges, binHeights, createHistogramGrid, histogramTableRows } from './histogram.ts';
import { sampleXs } from './function-plot.ts';
import { cividisRgb, seriesColor, seriesDash } from './palette.ts';
import { runStyle, type ChartRun } from './runs.ts';
import type { TableLabels } from './data-table.ts';

const table: TableLabels = { show: 'Show data', caption: '{total} rows' };
const RUNS: ChartRun[] = [
  { key: 'a', label: 'A · Sigmoid · Xavier' },
  { key: 'b', label: 'B · ReLU · He' },
];

let host: HTMLElement;
beforeEach(() => {
  document.body.replaceChildren();
  host = document.createElement('div');
  document.body.append(host);
});

/** The table a chart carries, opened (an open table follows every update at once). */
function openTable(root: Element, name: string): HTMLTableElement {
  const t = root.querySelector<HTMLTableElement>(`table[data-series="${name}"]`)!;
  (t.closest('details') as HTMLDetailsElement).open = true;
  return t;
}
const rowsOf = (t: HTMLTableElement) => [...t.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('th, td')]);
const bodyRows = (t: HTMLTableElement) => rowsOf(t).map((cells) => cells.map((c) => c.getAttribute('data-value') ?? c.textContent));
const cellTexts = (t: HTMLTableElement) => rowsOf(t).map((cells) => cells.map((c) => c.textContent));
const headOf = (t: HTMLTableElement) => [...t.querySelectorAll('thead th')].map((c) => c.textContent);

/** The points (x, y) of every path of one line series, in order. */
function seriesPoints(root: Element, key: string): { moves: number; points: [number, number][] } {
  const ds = [...root.querySelectorAll(`g.gc-series-line[data-key="${key}"] path.gc-line`)].map((p) => p.getAttribute('d') ?? '');
  const points: [number, number][] = [];
  let moves = 0;
  for (const d of ds) {
    for (const m of d.matchAll(/([ML])(-?[\d.]+),(-?[\d.]+)/g)) {
      const p: [number, number] = [Number(m[2]), Number(m[3])];
      const prev = points[points.length - 1];
      // a chunk starts with a move to where the last one ended: the same point
      if (m[1] === 'M' && prev && prev[0] === p[0] && prev[1] === p[1]) continue;
      if (m[1] === 'M') moves++;
      points.push(p);
    }
  }
  return { moves, points };
}

/** y (px) of the left-axis tick labelled `label` (d3-axis shifts ticks by 0.5 px for crisp lines). */
function tickY(root: Element, label: string): number {
  const tick = [...root.querySelectorAll('.gc-axis-y .tick')].find((t) => t.textContent === label)!;
  expect(tick, `tick ${label}`).toBeTruthy();
  return Number(/translate\(0,([-\d.]+)\)/.exec(tick.getAttribute('transform')!)![1]) - 0.5;
}

/** One fillRect as a chart painted it: in its own (translated) coordinates, with the style it used. */
interface Filled {
  x: number;
  y: number;
  w: number;
  h: number;
  style: unknown;
  /** the translation in force (the plot's offset in the canvas) */
  at: [number, number];
}

/**
 * happy-dom has no canvas: give the canvas layers (canvas-layer.ts) and their pattern tiles a
 * 2D context that records the fills since the last clear, so a canvas-painted chart can be read
 * back like an svg one. Other canvases (the heatmap's cells) keep happy-dom's none.
 */
function recordCanvases(): (canvas: Element) => Filled[] {
  const fills = new WeakMap<object, Filled[]>();
  const proto = HTMLCanvasElement.prototype as unknown as { getContext: (this: HTMLCanvasElement) => unknown };
  proto.getContext = function () {
    const canvas = this;
    if (canvas.className && canvas.className !== 'gc-canvas') return null;
    const list: Filled[] = [];
    fills.set(canvas, list);
    let at: [number, number] = [0, 0];
    const ctx = {
      fillStyle: '' as unknown,
      strokeStyle: '' as unknown,
      lineWidth: 1,
      globalAlpha: 1,
      setTransform() {
        at = [0, 0];
      },
      translate(x: number, y: number) {
        at = [at[0] + x, at[1] + y];
      },
      scale() {},
      clearRect() {
        list.length = 0;
      },
      fillRect(x: number, y: number, w: number, h: number) {
        list.push({ x, y, w, h, style: ctx.fillStyle, at });
      },
      strokeRect() {},
      beginPath() {},
      moveTo() {},
      lineTo() {},
      arc() {},
      fill() {},
      stroke() {},
      createPattern: (tile: HTMLCanvasElement) => ({ tile, setTransform() {} }),
    };
    return ctx;
  };
  return (canvas) => fills.get(canvas) ?? [];
}
const filledOn = recordCanvases();

describe('line chart', () => {
  const data: StepPoint[] = [
    { x: 0, values: { g: 1 } },
    { x: 1, values: { g: 10 } },
    { x: 2, values: { g: 100 } },
    { x: 3, values: { g: NaN } },
    { x: 4, values: { g: 10 } },
    { x: 5, values: { g: 1 } },
  ];
  const make = () =>
    createLineChart(host, {
      name: 'norms', title: 'Norms', xLabel: 'Step', yLabel: '‖g‖', yScale: 'log', table, locale: 'en',
      series: [{ key: 'g', label: 'Layer 1' }], marks: { nonFinite: 'NaN or ∞' },
    });

  it('draws each value at the height of its axis tick, with a gap and a top-edge mark for NaN', () => {
    const chart = make();
    chart.update(data);
    const { moves, points } = seriesPoints(chart.element, 'g');
    expect(points.map((p) => p[1])).toEqual([tickY(chart.element, '1'), tickY(chart.element, '10'), tickY(chart.element, '100'), tickY(chart.element, '10'), tickY(chart.element, '1')].map((y) => Math.round(y * 10) / 10));
    expect(moves).toBe(2); // the NaN breaks the line
    const xs = points.map((p) => p[0]);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 0); // steps equally spaced
    const mark = chart.element.querySelector('g.gc-mark[data-kind="up"]');
    expect(mark).not.toBeNull();
    expect(mark!.querySelector('title')!.textContent).toContain('NaN');
    expect(chart.element.querySelector<HTMLLIElement>('li[data-key="mark:up"]')!.hidden).toBe(false);
  });

  it('shades x bands behind the lines, each named by the first of its names that fits (the full name on hover)', () => {
    const bands: XBand[] = [
      ...Array.from({ length: 8 }, (_, k) => ({ from: 300 * k, to: 300 * (k + 1), label: `Autoencoder ${k + 1}`, shorter: [`AE${k + 1}`, String(k + 1)] })),
      { from: 2400, to: 3900, label: 'Fine-tuning' },
    ];
    const chart = createLineChart(host, {
      name: 'loss', title: 'Loss', xLabel: 'Step', yLabel: 'Loss', yScale: 'log', table, locale: 'en', xDomain: [0, 3899],
      series: [{ key: 'g', label: 'loss' }], bands,
    });
    chart.update([{ x: 0, values: { g: 1 } }, { x: 3899, values: { g: 0.1 } }]);
    const shown = [...chart.element.querySelectorAll('g.gc-band')].map((g) => ({
      width: Number(g.querySelector('rect')!.getAttribute('width')),
      title: g.querySelector('rect title')!.textContent,
      text: g.querySelector('text')!.textContent!,
      alt: g.classList.contains('gc-band-alt'),
    }));
    expect(shown.map((b) => b.title)).toEqual(bands.map((b) => b.label));
    expect(shown.map((b) => b.alt)).toEqual(bands.map((_, i) => i % 2 === 1));
    // five times as long, five times as wide; each name fits its band
    expect(shown[8]!.width / shown[0]!.width).toBeCloseTo(5, 1);
    expect(shown[8]!.text).toBe('Fine-tuning');
    for (const [i, b] of shown.entries()) {
      expect([bands[i]!.label, ...(bands[i]!.shorter ?? []), '']).toContain(b.text);
      expect(labelWidth(b.text, 11)).toBeLessThanOrEqual(b.width);
    }
    expect(shown[0]!.text).not.toBe('Autoencoder 1');
  });

  it('estimates a label’s width with CJK characters a full em', () => {
    expect(labelWidth('ab', 10)).toBeCloseTo(12);
    expect(labelWidth('微调', 10)).toBe(20);
    expect(labelWidth('自编码1', 10)).toBeCloseTo(36);
  });

  it('has a table with the same numbers, written plainly', () => {
    const chart = make();
    const t = openTable(chart.element, 'norms');
    chart.update([...data, { x: 6, values: { g: Infinity } }, { x: 7, values: { g: 1.2e-7 } }]);
    expect(bodyRows(t).map((r) => r[1])).toEqual(['1', '10', '100', 'NaN', '10', '1', 'Infinity', '1.2e-7']);
    expect(cellTexts(t).map((r) => r[1])).toEqual(['1', '10', '100', 'NaN', '10', '1', 'Infinity', '1.2e-7']);
    expect(t.hasAttribute('data-run')).toBe(false);
  });

  it('a growing series appended step by step draws what the whole series draws at once', () => {
    const n = 3 * CHUNK_POINTS + 7;
    const all: StepPoint[] = Array.from({ length: n }, (_, i) => ({ x: i, values: { g: i === 100 ? NaN : 1 + (i % 9) } }));
    const grown = createLineChart(host, { name: 'a', title: '', xLabel: '', yLabel: '', yScale: 'log', table, locale: 'en', series: [{ key: 'g', label: 'g' }], xDomain: [0, n], yDomain: [1, 10] });
    const growing: StepPoint[] = [];
    for (let i = 0; i < n; i += 10) {
      growing.push(...all.slice(i, i + 10));
      grown.update(growing);
    }
    const once = createLineChart(host, { name: 'b', title: '', xLabel: '', yLabel: '', yScale: 'log', table, locale: 'en', series: [{ key: 'g', label: 'g' }], xDomain: [0, n], yDomain: [1, 10] });
    once.update(all);
    expect(seriesPoints(grown.element, 'g')).toEqual(seriesPoints(once.element, 'g'));
    expect(seriesPoints(once.element, 'g').points.length).toBe(n - 1);
    expect(grown.element.querySelectorAll('path.gc-line').length).toBeGreaterThan(1); // chunked
  });

  it('two runs: the legend names each run once with its own dash and marker; lines carry them', () => {
    const chart = createLineChart(host, {
      name: 'loss', title: 'Loss', xLabel: 'Step', yLabel: 'Loss', yScale: 'linear', table, locale: 'en', runs: RUNS,
      series: RUNS.map((r) => ({ key: `${r.key}:loss`, label: 'Loss', run: r.key })),
    });
    chart.update(Array.from({ length: 20 }, (_, i) => ({ x: i, values: { 'a:loss': 1 / (i + 1), 'b:loss': 2 / (i + 1) } })));
    const legend = [...chart.element.querySelectorAll<HTMLLIElement>('.gc-legend li')].filter((li) => !li.hidden);
    expect(legend.map((li) => li.textContent)).toEqual(['Loss', RUNS[0]!.label, RUNS[1]!.label]);
    const look = (li: Element) => ({ dash: li.querySelector('line')!.style.strokeDasharray, marker: li.querySelector('[data-marker]')?.getAttribute('data-marker') });
    const [a, b] = [look(legend[1]!), look(legend[2]!)];
    expect(a.marker).toBe('circle');
    expect(b.marker).toBe('square');
    expect(a.dash).not.toBe(b.dash);
    const lineDash = (k: string) => (chart.element.querySelector(`g.gc-series-line[data-key="${k}"]`) as SVGGElement).style.strokeDasharray;
    expect(lineDash('a:loss')).toBe(a.dash);
    expect(lineDash('b:loss')).toBe(b.dash);
    expect(chart.element.querySelector('path.gc-markers[data-key="b:loss"]')!.getAttribute('data-marker')).toBe('square');
    // same label → same colour for both runs
    const stroke = (k: string) => (chart.element.querySelector(`g.gc-series-line[data-key="${k}"]`) as SVGGElement).style.stroke;
    expect(stroke('a:loss')).toBe(stroke('b:loss'));
    const t = openTable(chart.element, 'loss');
    chart.update(Array.from({ length: 3 }, (_, i) => ({ x: i, values: { 'a:loss': i, 'b:loss': 2 * i } })));
    expect(headOf(t)).toEqual(['Step', `Loss (${RUNS[0]!.label})`, `Loss (${RUNS[1]!.label})`]);
    expect(bodyRows(t)).toEqual([['0', '0', '0'], ['1', '1', '2'], ['2', '2', '4']]);
  });
});

describe('log bars', () => {
  it('two runs side by side: bars reach their values, run B hatched, the legend shows both patterns', () => {
    const chart = createLogBarChart(host, {
      name: 'grad-norms', title: 'Gradients', xLabel: 'Layer', yLabel: '‖g‖', table, locale: 'en', runs: RUNS,
      groups: RUNS.map((r) => ({ key: `${r.key}:w`, label: 'weights', run: r.key })),
    });
    const t = openTable(chart.element, 'grad-norms');
    chart.update({ values: { 'a:w': [1, 10, 100], 'b:w': [100, 10, 0] } });
    // bars in group order, layer by layer; the 0 of run B's third layer is not painted
    const painted = filledOn(chart.element.querySelector('canvas')!);
    expect(painted.length).toBe(5);
    const [a1, a2, a3, b1, b2] = painted;
    const root = chart.element.querySelector('.gc-root')!.getAttribute('transform');
    expect(`translate(${a1!.at[0]},${a1!.at[1]})`).toBe(root); // the canvas plot sits where the svg plot does
    expect(a2!.y).toBeCloseTo(tickY(chart.element, '10'), 6);
    expect(a3!.y).toBeCloseTo(tickY(chart.element, '100'), 6);
    expect(b1!.y).toBeCloseTo(tickY(chart.element, '100'), 6);
    expect(a1!.y + a1!.h).toBeCloseTo(b2!.y + b2!.h, 6); // one baseline
    expect(b1!.x).toBeGreaterThan(a1!.x); // side by side
    expect(b1!.x).toBeLessThan(a2!.x);
    expect(typeof a1!.style).toBe('string'); // run A solid …
    expect(b1!.style).toHaveProperty('tile'); // … run B a pattern
    // the pointer over a painted bar names it (the svg sits at 0,0 in happy-dom)
    const hit = chart.element.querySelector('rect.gc-hit')!;
    const point = (b: Filled, dy = 2) => hit.dispatchEvent(new PointerEvent('pointermove', { clientX: b.at[0] + b.x + b.w / 2, clientY: b.at[1] + b.y + dy }));
    point(a2!);
    expect(hit.querySelector('title')!.textContent).toBe('weights (A · Sigmoid · Xavier) · Layer 2: 10');
    point(b1!);
    expect(hit.querySelector('title')!.textContent).toBe('weights (B · ReLU · He) · Layer 1: 100');
    point(a1!, -40); // well above the bar
    expect(hit.querySelector('title')!.textContent).toBe('');
    expect(chart.element.querySelector('path.gc-mark')).not.toBeNull(); // the 0 cannot sit on a log axis
    const legend = [...chart.element.querySelectorAll<HTMLLIElement>('.gc-legend li')].filter((li) => !li.hidden);
    expect(legend.map((li) => li.textContent)).toEqual(['weights', RUNS[0]!.label, RUNS[1]!.label]);
    expect(legend[1]!.querySelector('[data-pattern]')).toBeNull();
    expect(legend[2]!.querySelector('[data-pattern]')!.getAttribute('data-pattern')).toBe('hatch');
    expect(bodyRows(t)).toEqual([['1', '1', '100'], ['2', '10', '10'], ['3', '100', '0']]);
  });
});

describe('log bars without a canvas (a page built in Node, src/figures/)', () => {
  it('draws the bars as svg rects reaching their values, under the marks, run B hatched', () => {
    const noCanvas = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    try {
      const chart = createLogBarChart(host, {
        name: 'grad-norms', title: 'Gradients', xLabel: 'Layer', yLabel: '‖g‖', table, locale: 'en', runs: RUNS,
        groups: RUNS.map((r) => ({ key: `${r.key}:w`, label: 'weights', run: r.key })),
      });
      chart.update({ values: { 'a:w': [1, 10, 100], 'b:w': [100, 10, 0] } });
      const rects = [...chart.element.querySelectorAll('.gc-bar-rects rect')];
      expect(rects.length).toBe(5); // the 0 has a mark, not a bar
      const top = (r: Element) => Number(r.getAttribute('y'));
      const bottom = (r: Element) => top(r) + Number(r.getAttribute('height'));
      const [a1, a2, a3, b1] = rects;
      expect(top(a2!)).toBeCloseTo(tickY(chart.element, '10'), 1);
      expect(top(a3!)).toBeCloseTo(tickY(chart.element, '100'), 1);
      expect(top(b1!)).toBeCloseTo(tickY(chart.element, '100'), 1);
      expect(bottom(a1!)).toBeCloseTo(bottom(b1!), 1);
      expect((a1 as SVGElement).style.fill).not.toMatch(/^url/);
      expect((b1 as SVGElement).style.fill).toMatch(/^url\(#.+\)$/);
      // gridlines in the svg too, and the bars under the marks
      expect(chart.element.querySelectorAll('.gc-grid line.gc-gridline').length).toBeGreaterThan(0);
      expect(chart.element.querySelector('canvas')).toBeNull();
      const order = [...chart.element.querySelector('.gc-root')!.children].map((c) => c.getAttribute('class'));
      expect(order.indexOf('gc-bar-rects')).toBeLessThan(order.indexOf('gc-marks'));
    } finally {
      noCanvas.mockRestore();
    }
  });
});

describe('histogram grid', () => {
  it('a second run is a dashed step outline over the first run\'s bars; the table has a count column per run', () => {
    const grid = createHistogramGrid(host, {
      name: 'pre', title: 'Pre-activations', xLabel: 'z', yLabel: 'count', locale: 'en', runs: RUNS,
      table: { ...table, lo: 'from', hi: 'to', count: 'count', panel: 'Layer' },
      panels: [{ key: 'L1', label: 'Layer 1' }, { key: 'L2', label: 'Layer 2' }], sliceMs: Infinity,
    });
    const t = openTable(grid.element, 'pre');
    grid.update(
      { L1: { lo: -2, hi: 2, counts: [1, 3, 0, 4] }, L2: { lo: -2, hi: 2, counts: [2, 2, 2, 2] } },
      { L1: { lo: -2, hi: 2, counts: [0, 5, 5, 0] }, L2: null },
    );
    const panels = grid.element.querySelectorAll('svg.gc-hist-panel');
    expect(panels.length).toBe(2);
    const step = panels[0]!.querySelector<SVGPathElement>('path.gc-step')!;
    expect(step.style.strokeDasharray).not.toBe('');
    expect(panels[1]!.querySelector('path.gc-step')).toBeNull();
    // the bar path has one closed bar per non-empty bin
    expect(panels[0]!.querySelector('path.gc-bar')!.getAttribute('d')!.match(/Z/g)!.length).toBe(3);
    expect(headOf(t)).toEqual(['Layer', 'from', 'to', `count (${RUNS[0]!.label})`, `count (${RUNS[1]!.label})`]);
    expect(bodyRows(t)).toEqual([
      ['Layer 1', '-2', '-1', '1', '0'],
      ['Layer 1', '-1', '0', '3', '5'],
      ['Layer 1', '0', '1', '0', '5'],
      ['Layer 1', '1', '2', '4', '0'],
      ['Layer 2', '-2', '-1', '2', ''],
      ['Layer 2', '-1', '0', '2', ''],
      ['Layer 2', '0', '1', '2', ''],
      ['Layer 2', '1', '2', '2', ''],
    ]);
    const legend = [...grid.element.querySelectorAll('.gc-legend li')].map((li) => li.textContent);
    expect(legend).toEqual([RUNS[0]!.label, RUNS[1]!.label]);
  });

  it('draws its panels a batch per task once a slice is spent, and ends with every panel showing its latest bins', async () => {
    const panels = ['L1', 'L2', 'L3'].map((key) => ({ key, label: key }));
    // a slice spent at once: one panel per task
    const grid = createHistogramGrid(host, {
      name: 'pre', title: 'Pre', xLabel: 'z', yLabel: 'count', locale: 'en', table: { ...table, lo: 'from', hi: 'to', count: 'count' }, panels, sliceMs: -1,
    });
    const bars = () => [...grid.element.querySelectorAll('svg.gc-hist-panel')].map((p) => p.querySelector('path.gc-bar')?.getAttribute('d')?.match(/Z/g)?.length ?? 0);
    // the empty panels of the first draw, one per task
    await vi.waitFor(() => expect(grid.element.querySelectorAll('svg.gc-hist-panel .gc-root').length).toBe(3));
    const bins = (n: number) => Object.fromEntries(panels.map((p) => [p.key, { lo: 0, hi: 4, counts: [1, 1, 1, 1].map((c, i) => (i < n ? c : 0)) }]));
    grid.update(bins(1));
    expect(bars().filter((n) => n === 1).length).toBe(1);
    grid.update(bins(2)); // before the batches are through: they go on with the newest bins
    await vi.waitFor(() => expect(bars()).toEqual([2, 2, 2]));
  });
});

describe('heatmap', () => {
  const points = (lo: number, hi: number, n = 10): StepPoint[] =>
    Array.from({ length: n }, (_, i) => ({ x: i, values: { L1: lo * (hi / lo) ** (i / (n - 1)), L2: i === 4 ? NaN : lo } }));
  const make = (run: string, domain?: ReturnType<typeof createSharedLogDomain>) =>
    createHeatmap(host, {
      name: 'history', run, title: `run ${run}`, xLabel: 'Step', yLabel: 'Layer', colorLabel: '‖g‖', locale: 'en', table,
      rows: [{ key: 'L1', label: 'L1' }, { key: 'L2', label: 'L2' }], xDomain: [0, 10], marks: { nonFinite: 'NaN' }, domain,
    });
  const barTicks = (h: { element: HTMLElement }) => [...h.element.querySelectorAll('.gc-colorbar text')].map((t) => t.textContent);

  it('one colour scale for two runs with a shared domain; each table says its run', () => {
    const shared = createSharedLogDomain();
    const a = make('a', shared);
    const b = make('b', shared);
    a.update(points(1e-3, 1));
    b.update(points(1, 1e3));
    expect(barTicks(a)).toEqual(barTicks(b));
    expect(Number(barTicks(a)[0])).toBeLessThanOrEqual(1e-3 * 10); // spans both runs' data
    expect(Number(barTicks(a).at(-1))).toBeGreaterThanOrEqual(1e3 / 10);
    expect(a.element.querySelector('table')!.dataset.run).toBe('a');
    expect(b.element.querySelector('table')!.dataset.run).toBe('b');
    const own = make('c');
    own.update(points(1e-3, 1));
    expect(Number(barTicks(own).at(-1))).toBeLessThanOrEqual(1); // alone, it fits its own data
  });

  it('hatches the NaN cell where it is, also when the data arrives step by step', () => {
    const h = make('a');
    const all = points(1e-3, 1);
    for (let i = 1; i <= all.length; i++) h.update(all.slice(0, i));
    const hatched = [...h.element.querySelectorAll('.gc-cells-over rect[data-kind="nonfinite"]')];
    expect(hatched.length).toBe(1);
    const r = hatched[0]!;
    const w = Number(r.getAttribute('width'));
    expect(Number(r.getAttribute('x')) / w).toBeCloseTo(4, 6); // column of step 4
    expect(Number(r.getAttribute('y'))).toBeGreaterThan(0); // row L2
  });
  it('without a canvas (a page built in Node) paints its cells as svg rects in cividis, equal neighbours merged', () => {
    const h = createHeatmap(host, {
      name: 'history', title: 't', xLabel: 'Step', yLabel: 'Layer', colorLabel: '‖g‖', locale: 'en', table,
      rows: [{ key: 'L1', label: 'L1' }, { key: 'L2', label: 'L2' }], xDomain: [0, 10], domain: [1e-3, 1],
    });
    h.update(points(1e-3, 1));
    expect(h.element.querySelector('canvas')).toBeNull();
    const rects = [...h.element.querySelectorAll('.gc-cells rect')];
    const row = (y0: boolean) => rects.filter((r) => (Number(r.getAttribute('y')) === 0) === y0);
    const rgb = (t: number) => `rgb(${cividisRgb(t).join(',')})`;
    // L1 rises from the bottom of the scale to its top: ten colours
    expect(row(true).length).toBe(10);
    expect(row(true)[0]!.getAttribute('fill')).toBe(rgb(0));
    expect(row(true).at(-1)!.getAttribute('fill')).toBe(rgb(1));
    // L2 is 1e-3 throughout but for a NaN at step 4 (hatched, not painted): two merged rects, 4 and 5 cells wide
    const l2 = row(false);
    expect(l2.map((r) => r.getAttribute('fill'))).toEqual([rgb(0), rgb(0)]);
    expect(Number(l2[1]!.getAttribute('width')) / Number(l2[0]!.getAttribute('width'))).toBeCloseTo(5 / 4, 1);
  });
});

describe('cell grid', () => {
  it('a cell is the geometric mean of its values; NaN/∞ wins; only ≤ 0 reads 0; nothing reads null', () => {
    const g = createCellGrid(1, 4, 0, 8); // two steps per column
    const put = (x: number, v: number | null) => addValue(g, 0, x, v);
    put(0, 1e-2);
    put(1, 1e-4);
    put(2, 5);
    put(3, Infinity);
    put(4, 0);
    put(5, -1);
    put(6, null);
    expect(cellValue(g, 0, 0)).toBeCloseTo(Math.sqrt(1e-2 * 1e-4), 15);
    expect(cellValue(g, 0, 1)).toBeNaN();
    expect(cellValue(g, 0, 2)).toBe(0);
    expect(cellValue(g, 0, 3)).toBeNull();
    expect([0, 1, 2, 3].map((c) => cellKind(cellValue(g, 0, c)))).toEqual(['value', 'nonfinite', 'nonpositive', 'empty']);
    expect([g.min, g.max]).toEqual([1e-4, 5]);
  });
  it('one step per column when they fit: every step of 400 in its own column', () => {
    const g = createCellGrid(1, 400, 0, 400);
    for (let x = 0; x < 400; x++) addValue(g, 0, x, 1);
    expect(Array.from(g.nPos).filter((c) => c !== 1)).toEqual([]);
  });
});

describe('line path building', () => {
  it('chunks continue where the last one ended; isolated points are dotted', () => {
    const st = newPathState();
    const n = CHUNK_POINTS + 3;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i === 2 ? NaN : i));
    extendPath(st, xs, ys, [0, 1, 2, 3]);
    extendPath(st, xs, ys, Array.from({ length: n - 4 }, (_, i) => i + 4));
    expect(st.chunks.length).toBe(1);
    expect(st.chunks[0]!.startsWith('M0,0L1,1M3,3L4,4')).toBe(true);
    const lastOfChunk = /L([\d.]+),([\d.]+)$/.exec(st.chunks[0]!)!;
    expect(st.d.startsWith(`M${lastOfChunk[1]},${lastOfChunk[2]}L`)).toBe(true);
    const lone = newPathState();
    extendPath(lone, [0, 1, 2], [NaN, 5, NaN], [0, 1, 2]);
    expect(lone.dots).toEqual([[1, 5]]);
  });
  it('markRuns groups consecutive undrawable values by edge', () => {
    expect(markRuns([1, NaN, Infinity, 2, 0, -1, null, -Infinity], true)).toEqual([
      { kind: 'up', from: 1, to: 2 },
      { kind: 'down', from: 4, to: 5 },
      { kind: 'down', from: 7, to: 7 },
    ]);
    expect(markRuns([1, 0, -1, NaN], false)).toEqual([{ kind: 'up', from: 3, to: 3 }]);
  });
  it('extending mark runs a few values at a time gives the runs of the whole series', () => {
    const values = [1, NaN, NaN, 0, 0, 2, Infinity, NaN, -1, 5];
    for (const cut of [[3, 4, 7], [1, 2, 5, 6, 8], [9]]) {
      const runs: MarkRun[] = [];
      [0, ...cut].forEach((from, k) => extendMarkRuns(runs, (i) => values[i], from, [...cut, values.length][k]!, true));
      expect(runs).toEqual(markRuns(values, true));
    }
  });
});

describe('run styles', () => {
  it('runs differ in dash, marker and pattern by position; a run\'s own settings win', () => {
    const a = runStyle(RUNS, 'a')!;
    const b = runStyle(RUNS, 'b')!;
    expect(a.dash).not.toBe(b.dash);
    expect(a.marker).not.toBe(b.marker);
    expect(a.pattern).not.toBe(b.pattern);
    expect(runStyle([{ key: 'x', label: 'x', marker: 'diamond' }], 'x')!.marker).toBe('diamond');
    expect(runStyle(RUNS, 'nope')).toBeUndefined();
  });
});

describe('histogram helpers', () => {
  const b = { lo: -4, hi: 4, counts: [1, 3, 4, 0] };
  it('edges and heights', () => {
    expect(binEdges(b)).toEqual([-4, -2, 0, 2, 4]);
    expect(binHeights(b, 'share')).toEqual([0.125, 0.375, 0.5, 0]);
    expect(binHeights(b, 'count')).toEqual([1, 3, 4, 0]);
  });
  it('table rows per bin and panel', () => {
    const { rows, info } = histogramTableRows([{ label: 'L1', bins: b }, { label: 'L2', bins: null }], 'en', 100);
    expect(info.total).toBe(4);
    expect(rows[1]!.map((c) => c.text)).toEqual(['L1', '-2', '0', '3']);
  });
});

describe('function plot', () => {
  it('samples include 0', () => {
    const xs = sampleXs([-6, 6], 7);
    expect(xs).toContain(0);
    expect(xs[0]).toBe(-6);
    expect(xs[xs.length - 1]).toBe(6);
  });
});

describe('palette', () => {
  it('series colours are CSS variables with Okabe–Ito fallbacks', () => {
    expect(seriesColor(0)).toBe('var(--gc-s1, #0072B2)');
    expect(seriesColor(8)).toBe('var(--gc-s1, #0072B2)');
    expect(seriesDash(0)).toBe('');
    expect(seriesDash(8)).not.toBe('');
  });
  it('cividis runs dark blue → yellow', () => {
    const [r0, , b0] = cividisRgb(0);
    const [r1, g1, b1] = cividisRgb(1);
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(200);
    expect(g1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(100);
  });
});
