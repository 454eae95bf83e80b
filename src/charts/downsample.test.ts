import { describe, expect, it } from 'vitest';
import { decimateMinMax, firstNonFiniteRow, selectRows } from './downsample.ts';

describe('selectRows', () => {
  it('keeps all rows when they fit', () => {
    expect(selectRows(3, 200)).toEqual({ indices: [0, 1, 2], stride: 1, mode: 'all' });
  });
  it('keeps every k-th row plus the last, never more than maxRows', () => {
    for (const n of [201, 250, 999, 1000, 1001, 5000, 12345]) {
      const s = selectRows(n, 200);
      expect(s.indices.length).toBeLessThanOrEqual(200);
      expect(s.indices[0]).toBe(0);
      expect(s.indices[s.indices.length - 1]).toBe(n - 1);
      for (let i = 1; i < s.indices.length - 1; i++) expect(s.indices[i]! - s.indices[i - 1]!).toBe(s.stride);
    }
  });
  it('gives round strides for evenly sampled data', () => {
    const s = selectRows(241, 25);
    expect(s.stride).toBe(10);
    expect(s.indices.length).toBe(25);
  });
  it('last mode keeps the tail', () => {
    expect(selectRows(10, 3, 'last')).toEqual({ indices: [7, 8, 9], stride: 1, mode: 'last' });
  });
  it('always includes kept rows (e.g. the first non-finite step)', () => {
    const s = selectRows(1000, 100, 'stride', [37]);
    expect(s.indices).toContain(37);
    expect([...s.indices].sort((a, b) => a - b)).toEqual(s.indices);
  });
});

describe('decimateMinMax', () => {
  it('returns all indices for short series', () => {
    expect(decimateMinMax([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });
  it('keeps extremes and the first gap of each bucket', () => {
    const ys = Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10));
    ys[500] = 50; // spike
    ys[700] = NaN; // gap
    const idx = decimateMinMax(ys, 50);
    expect(idx.length).toBeLessThan(300);
    expect(idx).toContain(500);
    expect(idx).toContain(700);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
  });
});

describe('firstNonFiniteRow', () => {
  it('finds the first row with NaN or ±∞', () => {
    const rows = [{ v: [1, 2] }, { v: [1, 0] }, { v: [Infinity, 2] }, { v: [NaN, NaN] }];
    expect(firstNonFiniteRow(rows, (r) => r.v)).toBe(2);
    expect(firstNonFiniteRow([{ v: [null] }], (r) => r.v)).toBe(-1);
  });
});
