import { describe, expect, it } from 'vitest';
import { holdLogDomain, linearTicks, logTicks, niceLinearDomain, niceLogDomain, thinCategoryLabels } from './ticks.ts';

describe('holdLogDomain', () => {
  it('grows at once, and gives room back only beyond the slack', () => {
    expect(holdLogDomain(null, [1e-3, 1])).toEqual([1e-3, 1]);
    expect(holdLogDomain([1e-3, 1], [1e-2, 1])).toEqual([1e-3, 1]); // one decade of room: kept
    expect(holdLogDomain([1e-3, 1], [1e-4, 10])).toEqual([1e-4, 10]); // grown both ways
    expect(holdLogDomain([1e-6, 1], [1e-3, 1e-2])).toEqual([1e-3, 1]); // three decades below: moved in; two above: kept
  });
});

describe('niceLogDomain', () => {
  it('snaps to whole decades from finite positive values only', () => {
    expect(niceLogDomain([3e-9, 0.5, 42, NaN, Infinity, 0, -1, null])).toEqual([1e-9, 100]);
  });
  it('is at least one decade wide, with a fallback for no data', () => {
    expect(niceLogDomain([1, 1])).toEqual([1, 10]);
    expect(niceLogDomain([NaN, 0])).toEqual([1e-3, 1]);
  });
});

describe('niceLinearDomain', () => {
  it('nices and includes extra values', () => {
    expect(niceLinearDomain([0.13, 0.87], [0])).toEqual([0, 1]);
    expect(niceLinearDomain([NaN, 5, Infinity], [])).toEqual([4.4, 5.6]);
    expect(niceLinearDomain([], [])).toEqual([0, 1]);
  });
});

describe('logTicks', () => {
  it('labels every decade when there is room', () => {
    const t = logTicks([1e-3, 1e2], 300, 20);
    expect(t.major.map((v) => Math.round(Math.log10(v)))).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(t.minor).toEqual([]);
  });
  it('thins decades on short axes, labels aligned to multiples of the stride', () => {
    const t = logTicks([1e-9, 1e2], 120, 20); // 11 decades in 120 px: every 2nd decade
    const exps = t.major.map((v) => Math.round(Math.log10(v)));
    expect(exps).toEqual([-8, -6, -4, -2, 0, 2]);
    expect(exps.length).toBeGreaterThanOrEqual(2);
    const stride = exps[1]! - exps[0]!;
    for (const e of exps) expect(Math.abs(e % stride)).toBe(0);
    expect(t.minor.length).toBe(12 - exps.length);
    expect(t.pow).toBe(true);
  });
  it('label spacing never drops below the minimum', () => {
    for (const len of [60, 100, 150, 200, 280]) {
      for (const [a, b] of [[1e-9, 1e2], [1e-30, 1e30], [1e-2, 1e1], [0.2, 0.5]] as const) {
        const t = logTicks([a, b], len, 20);
        const px = t.major.map((v) => ((Math.log10(v) - Math.log10(a)) / (Math.log10(b) - Math.log10(a))) * len);
        for (let i = 1; i < px.length; i++) expect(px[i]! - px[i - 1]!).toBeGreaterThanOrEqual(19.9);
      }
    }
  });
  it('adds 2× and 5× ticks on narrow spans', () => {
    const t = logTicks([0.1, 1], 200, 20);
    expect(t.major).toEqual([0.1, 0.2, 0.5, 1]);
    expect(t.pow).toBe(false);
    const u = logTicks([0.2, 0.5], 200, 20);
    expect(u.major.length).toBeGreaterThanOrEqual(2);
  });
});

describe('linearTicks', () => {
  it('fits the pixel budget', () => {
    expect(linearTicks([0, 1000], 300, 70).length).toBeLessThanOrEqual(6);
    expect(linearTicks([0, 1000], 300, 70)[0]).toBe(0);
  });
});

describe('thinCategoryLabels', () => {
  it('labels all when bands are wide', () => {
    expect(thinCategoryLabels(5, 40, 20)).toEqual([0, 1, 2, 3, 4]);
  });
  it('thins to k, 2k, … and keeps first and last apart', () => {
    const idx = thinCategoryLabels(64, 4.5, 24); // need ≥ 5.3 bands → every 10th
    expect(idx[0]).toBe(0);
    expect(idx).toContain(9);
    expect(idx).toContain(63);
    for (let i = 1; i < idx.length; i++) expect((idx[i]! - idx[i - 1]!) * 4.5).toBeGreaterThanOrEqual(24);
  });
  it('handles no categories', () => {
    expect(thinCategoryLabels(0, 10, 10)).toEqual([]);
  });
});

describe('linearTicks on odd domains', () => {
  it('keeps round ticks (no 20, 60, 100 after thinning)', () => {
    for (const len of [200, 400, 700]) {
      const t = linearTicks([1, 400], len, 56);
      const step = t[1]! - t[0]!;
      for (const v of t) expect(v % step).toBe(0);
      for (let i = 1; i < t.length; i++) expect(((t[i]! - t[i - 1]!) / 399) * len).toBeGreaterThanOrEqual(56);
    }
  });
});
