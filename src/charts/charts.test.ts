import { describe, expect, it } from 'vitest';
import { markRuns, seriesPath } from './line.ts';
import { heatmapCells, cellKind } from './heatmap.ts';
import { binEdges, binHeights, histogramTableRows } from './histogram.ts';
import { sampleXs } from './function-plot.ts';
import { cividisRgb, seriesColor, seriesDash } from './palette.ts';

describe('module import', () => {
  it('is safe without a DOM (SSR / Node)', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const m = await import('./index.ts');
    expect(typeof m.createLineChart).toBe('function');
    expect(typeof m.createHeatmap).toBe('function');
  });
});

describe('line helpers', () => {
  it('seriesPath breaks at gaps and dots isolated points', () => {
    const xs = [0, 1, 2, 3, 4, 5];
    const ys = [10, 11, NaN, 12, NaN, NaN];
    const { d, dots } = seriesPath(xs, ys, [0, 1, 2, 3, 4, 5]);
    expect(d).toBe('M0,10L1,11M3,12');
    expect(dots).toEqual([[3, 12]]);
  });
  it('markRuns groups consecutive undrawable values by edge', () => {
    expect(markRuns([1, NaN, Infinity, 2, 0, -1, null, -Infinity], true)).toEqual([
      { kind: 'up', from: 1, to: 2 },
      { kind: 'down', from: 4, to: 5 },
      { kind: 'down', from: 7, to: 7 },
    ]);
    expect(markRuns([1, 0, -1, NaN], false)).toEqual([{ kind: 'up', from: 3, to: 3 }]);
  });
});

describe('heatmap helpers', () => {
  it('buckets steps into at most maxCols columns per row', () => {
    const data = Array.from({ length: 10 }, (_, i) => ({ x: i, values: { a: 10 ** -i, b: i >= 7 ? NaN : 0 } }));
    const g = heatmapCells(data, ['a', 'b'], 5);
    expect(g.cols).toBe(5);
    expect(g.values.length).toBe(10);
    expect(g.values[0]).toBeCloseTo(10 ** -0.5, 9);
    expect(g.values[5]).toBe(0);
    expect(g.values[7]).toBe(0);
    expect(cellKind(g.values[7])).toBe('nonpositive');
    expect(g.values[8]).toBeNaN(); // steps 6 (0) and 7 (NaN) → NaN
    expect(g.values[9]).toBeNaN();
    expect(cellKind(g.values[9])).toBe('nonfinite');
    expect(cellKind(null)).toBe('empty');
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
