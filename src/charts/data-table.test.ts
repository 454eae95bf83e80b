import { describe, expect, it } from 'vitest';
import { fillCaption, rawValue, seriesTableContent, type TableLabels } from './data-table.ts';

const labels: TableLabels = {
  show: 'Show data',
  caption: 'Gradient norm per layer ({total} steps)',
  captionBounded: 'Gradient norm per layer: every {stride}th step, {shown} of {total} rows ({first}–{last})',
};

function frames(n: number, bad = -1) {
  return Array.from({ length: n }, (_, i) => ({
    x: i + 1,
    values: { l1: i === bad ? NaN : 10 ** (-9 + (i % 12)), l2: i >= bad && bad >= 0 ? Infinity : 0.5 },
  }));
}

describe('fillCaption', () => {
  it('fills placeholders or calls a function', () => {
    const info = { shown: 3, total: 9, stride: 4, mode: 'stride' as const, first: '1', last: '9' };
    expect(fillCaption('{shown}/{total} k={stride} {first}…{last} {unknown}', info)).toBe('3/9 k=4 1…9 {unknown}');
    expect(fillCaption((i) => `${i.shown} 行`, info)).toBe('3 行');
  });
});

describe('seriesTableContent', () => {
  const columns = [
    { key: 'l1', label: 'Layer 1' },
    { key: 'l2', label: 'Layer 2' },
  ];
  it('one row per step, formatted cells with raw data-values', () => {
    const c = seriesTableContent(frames(3), { locale: 'en', labels, xLabel: 'Step', columns });
    expect(c.head).toEqual(['Step', 'Layer 1', 'Layer 2']);
    expect(c.caption).toBe('Gradient norm per layer (3 steps)');
    expect(c.rows.length).toBe(3);
    expect(c.rows[0]![0]).toEqual({ text: '1', value: '1' });
    expect(c.rows[0]![1]).toEqual({ text: '1e-9', value: String(1e-9) });
    expect(c.rows[2]![2]).toEqual({ text: '0.5', value: '0.5' });
  });
  it('is bounded, says so, and keeps the first non-finite step', () => {
    const c = seriesTableContent(frames(1000, 537), { locale: 'zh', labels, xLabel: '步', columns, maxRows: 100 });
    expect(c.rows.length).toBeLessThanOrEqual(101);
    expect(c.caption).toMatch(/^Gradient norm per layer: every \d+th step, \d+ of 1000 rows \(1–1000\)$/);
    const diverged = c.rows.find((r) => r[0]!.value === '538');
    expect(diverged).toBeDefined();
    expect(diverged![1]).toEqual({ text: 'NaN', value: 'NaN' });
    expect(diverged![2]).toEqual({ text: 'Infinity', value: 'Infinity' });
  });
  it('caller headers override', () => {
    const c = seriesTableContent([], {
      locale: 'en',
      labels: { ...labels, rowHeader: 'Iteration', columns: { l2: 'L2' } },
      xLabel: 'Step',
      columns,
    });
    expect(c.head).toEqual(['Iteration', 'Layer 1', 'L2']);
    expect(c.rows).toEqual([]);
  });
  it('rawValue', () => {
    expect(rawValue(null)).toBe('');
    expect(rawValue(-Infinity)).toBe('-Infinity');
  });
});

describe('charts in Node (SSR)', () => {
  it('import without a DOM: no module touches document or window at import time', async () => {
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
    await expect(import('./index.ts')).resolves.toHaveProperty('createLineChart');
  });
});
