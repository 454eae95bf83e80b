/**
 * Pure downsampling helpers (no DOM): which rows a data table keeps, which
 * points a path draws.
 */

export type RowMode = 'stride' | 'last';

export interface RowSelection {
  /** selected indices into the data, ascending */
  indices: number[];
  /** every `stride`-th row is kept (1 = all rows) */
  stride: number;
  mode: RowMode | 'all';
}

/**
 * Bounded row selection for a data table of `n` rows, at most `maxRows`
 * (plus the rows in `keep`, e.g. the first non-finite step).
 * - `stride`: rows 0, k, 2k, … and always the last row; k = the smallest
 *   whole number that fits, so "every k-th step" can be stated in a caption.
 * - `last`: the last `maxRows` rows.
 */
export function selectRows(n: number, maxRows: number, mode: RowMode = 'stride', keep: number[] = []): RowSelection {
  const max = Math.max(2, Math.floor(maxRows));
  let indices: number[];
  let stride = 1;
  let outMode: RowSelection['mode'] = 'all';
  if (n <= max) {
    indices = Array.from({ length: Math.max(0, n) }, (_, i) => i);
  } else if (mode === 'last') {
    outMode = 'last';
    indices = Array.from({ length: max }, (_, i) => n - max + i);
  } else {
    outMode = 'stride';
    // rows 0, k, 2k, … ≤ n-1, plus the last one when k does not divide n-1; smallest k that fits.
    stride = Math.max(2, Math.ceil((n - 1) / (max - 1)));
    const count = (k: number) => Math.floor((n - 1) / k) + 1 + ((n - 1) % k ? 1 : 0);
    while (count(stride) > max) stride++;
    indices = [];
    for (let i = 0; i < n; i += stride) indices.push(i);
    if (indices[indices.length - 1] !== n - 1) indices.push(n - 1);
  }
  const extra = keep.filter((i) => Number.isInteger(i) && i >= 0 && i < n);
  if (extra.length) {
    const set = new Set(indices);
    for (const i of extra) set.add(i);
    indices = [...set].sort((a, b) => a - b);
  }
  return { indices, stride, mode: outMode };
}

/**
 * Min/max decimation of one series for drawing: splits `ys` (already in
 * screen-proportional units, e.g. log10 for a log axis; non-finite = gap)
 * into `buckets` equal index ranges and keeps, per bucket, the first and last
 * point, the minimum and maximum, and the first gap point, so peaks and gaps
 * survive. Returns ascending indices; all of them when n ≤ 4·buckets.
 */
export function decimateMinMax(ys: ArrayLike<number>, buckets: number): number[] {
  const n = ys.length;
  const b = Math.max(1, Math.floor(buckets));
  if (n <= 4 * b) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < b; k++) {
    const i0 = Math.floor((k * n) / b);
    const i1 = Math.floor(((k + 1) * n) / b);
    if (i1 <= i0) continue;
    let iMin = -1;
    let iMax = -1;
    let iGap = -1;
    for (let i = i0; i < i1; i++) {
      const y = ys[i]!;
      if (!Number.isFinite(y)) {
        if (iGap < 0) iGap = i;
        continue;
      }
      if (iMin < 0 || y < ys[iMin]!) iMin = i;
      if (iMax < 0 || y > ys[iMax]!) iMax = i;
    }
    const picks = [i0, i1 - 1, iMin, iMax, iGap].filter((i) => i >= 0).sort((a, c) => a - c);
    for (const i of picks) if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

/** Index of the first row whose values contain NaN or ±∞, or -1. */
export function firstNonFiniteRow<T>(rows: ArrayLike<T>, valuesOf: (row: T) => Iterable<number | null | undefined>): number {
  for (let i = 0; i < rows.length; i++) {
    for (const v of valuesOf(rows[i]!)) {
      if (typeof v === 'number' && !Number.isFinite(v)) return i;
    }
  }
  return -1;
}
