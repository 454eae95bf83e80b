/**
 * Pure domain and tick helpers (no DOM). Tick *positions* are chosen here so
 * that labels never crowd: callers pass the axis length in pixels and the
 * minimum spacing a label needs.
 */
import { nice, ticks as d3ticks } from 'd3-array';
import { SMALL } from './format.ts';

export type Domain = [number, number];

export type Value = number | null | undefined;

/** Is `v` drawable on a log axis? */
export function isLogDrawable(v: Value): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Is `v` drawable on a linear axis? */
export function isLinearDrawable(v: Value): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Log domain snapped outwards to whole decades, from the finite positive
 * values only. At least one decade wide; `fallback` when nothing is drawable.
 */
export function niceLogDomain(values: Iterable<Value>, fallback: Domain = [1e-3, 1]): Domain {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (isLogDrawable(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return [fallback[0], fallback[1]];
  let e0 = Math.floor(Math.log10(lo) + 1e-9);
  let e1 = Math.ceil(Math.log10(hi) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  // keep within double range
  e0 = Math.max(e0, -307);
  e1 = Math.min(e1, 308);
  return [Math.pow(10, e0), Math.pow(10, e1)];
}

/**
 * The next log domain of a chart whose values move (bars of the latest step): it grows at once
 * to take in new values, but an edge moves in only once the data has left more than `slack`
 * decades of room there, so values wobbling across a decade do not flip the axis each update.
 */
export function holdLogDomain(prev: Domain | null, next: Domain, slack = 2): Domain {
  if (!prev) return next;
  const room = 10 ** slack;
  const lo = next[0] < prev[0] || next[0] > prev[0] * room ? next[0] : prev[0];
  const hi = next[1] > prev[1] || next[1] * room < prev[1] ? next[1] : prev[1];
  return [lo, hi];
}

/**
 * Linear domain from the finite values (plus `include`, e.g. 0 or a reference
 * line), "niced" to round numbers for about `count` ticks.
 */
export function niceLinearDomain(values: Iterable<Value>, include: number[] = [], count = 5): Domain {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number) => {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const v of values) if (isLinearDrawable(v)) see(v);
  for (const v of include) if (Number.isFinite(v)) see(v);
  if (!(lo <= hi)) return [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  // d3's nice(): extend to multiples of the tick step (integer arithmetic, no float noise)
  [lo, hi] = nice(lo, hi, count);
  return [lo, hi];
}

export interface LogTicks {
  /** labelled ticks (and gridlines) */
  major: number[];
  /** unlabelled decade ticks between the labelled ones */
  minor: number[];
  /** label decades as 10ⁿ (axis reaches extreme magnitudes) */
  pow: boolean;
}

const STRIDES = [1, 2, 3, 4, 5, 6, 10, 15, 20, 25, 30, 50, 100];

/**
 * Ticks for a log axis of `lengthPx` pixels: decades, thinned to every
 * s-th decade (s from {@link STRIDES}, labels aligned to exponents ≡ 0 mod s)
 * so that labels are at least `minSpacingPx` apart; for spans of two decades
 * or less, 2× and 5× ticks are added when they fit.
 */
export function logTicks(domain: Domain, lengthPx: number, minSpacingPx = 22): LogTicks {
  const [a, b] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  if (!(a > 0) || !Number.isFinite(b)) return { major: [], minor: [], pow: false };
  const la = Math.log10(a);
  const lb = Math.log10(b);
  const span = Math.max(lb - la, 1e-12);
  const pxPerDecade = Math.max(lengthPx, 1) / span;
  const e0 = Math.ceil(la - 1e-9);
  const e1 = Math.floor(lb + 1e-9);
  const decades: number[] = [];
  for (let e = e0; e <= e1; e++) decades.push(e);

  let major: number[] = [];
  let minor: number[] = [];
  if (decades.length >= 2) {
    const fitsPx = (s: number) => s * pxPerDecade >= minSpacingPx - 1e-9;
    const count = (s: number) => decades.filter((e) => e % s === 0).length;
    const stride =
      STRIDES.find((s) => fitsPx(s) && count(s) >= 2) ??
      STRIDES.find((s) => fitsPx(s)) ??
      Math.ceil(minSpacingPx / pxPerDecade);
    let labelled = decades.filter((e) => e % stride === 0);
    if (labelled.length < 2) {
      const first = decades[0]!;
      const last = decades[decades.length - 1]!;
      labelled = (last - first) * pxPerDecade >= minSpacingPx ? [first, last] : [labelled[0] ?? first];
    }
    major = labelled.map((e) => Math.pow(10, e));
    if (pxPerDecade >= 4) {
      minor = decades.filter((e) => !labelled.includes(e)).map((e) => Math.pow(10, e));
    }
    // Few decades and room to spare: 2× and 5× in between.
    if (stride === 1 && span <= 2.05 && pxPerDecade * Math.log10(2) >= minSpacingPx) {
      const extra: number[] = [];
      for (let e = e0 - 1; e <= e1; e++) {
        for (const m of [2, 5]) {
          const v = m * Math.pow(10, e);
          if (v >= a * (1 - 1e-9) && v <= b * (1 + 1e-9)) extra.push(v);
        }
      }
      major = [...major, ...extra].sort((x, y) => x - y);
    }
  } else {
    // Less than two decade ticks inside: 1-2-5 multiples, then any 1…9 multiples.
    for (const ms of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
      const cand: number[] = [];
      for (let e = Math.floor(la) - 1; e <= Math.ceil(lb); e++) {
        for (const m of ms) {
          const v = m * Math.pow(10, e);
          if (v >= a * (1 - 1e-9) && v <= b * (1 + 1e-9)) cand.push(v);
        }
      }
      if (cand.length >= 2) {
        major = thinSorted(cand, Math.max(2, Math.floor(Math.max(lengthPx, 1) / minSpacingPx) + 1));
        break;
      }
    }
    if (major.length < 2) major = [a, b];
  }
  const pow = major.some((v) => v < SMALL * (1 - 1e-9) || v >= 1e4);
  return { major, minor, pow };
}

function thinSorted(values: number[], maxCount: number): number[] {
  if (values.length <= maxCount) return values;
  const k = Math.ceil(values.length / maxCount);
  return values.filter((_, i) => i % k === 0);
}

/** Linear ticks for an axis of `lengthPx` pixels, labels ≥ `minSpacingPx` apart. */
export function linearTicks(domain: Domain, lengthPx: number, minSpacingPx: number): number[] {
  const [a, b] = domain;
  const maxLabels = Math.max(2, Math.floor(Math.max(lengthPx, 1) / minSpacingPx) + 1);
  const span = Math.abs(b - a) || 1;
  let t: number[] = [];
  for (let count = maxLabels; count >= 1; count--) {
    t = d3ticks(a, b, count);
    const stepPx = t.length > 1 ? (Math.abs(t[1]! - t[0]!) / span) * lengthPx : Infinity;
    if (stepPx >= minSpacingPx - 1e-9) break;
  }
  return t;
}

/**
 * Which of `n` categories (bands `bandPx` wide) get a label so that labels are
 * at least `minSpacingPx` apart: every k-th (k from 1, 2, 5, 10, 20, …) counted
 * from the first, always including the first and, when it does not crowd its
 * neighbour, the last.
 */
export function thinCategoryLabels(n: number, bandPx: number, minSpacingPx: number): number[] {
  if (n <= 0) return [];
  const need = Math.max(1, minSpacingPx / Math.max(bandPx, 1e-6));
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];
  const k = steps.find((s) => s >= need) ?? Math.ceil(need);
  // Label categories 1, 1+k, … (as seen by readers: numbers k, 2k, … read better)
  const out: number[] = [0];
  const fits = (i: number) => (i - (out[out.length - 1] ?? 0)) * bandPx >= minSpacingPx - 1e-9;
  for (let i = k - 1; i < n; i += k) if (i > 0 && fits(i)) out.push(i);
  const last = n - 1;
  if (last > 0 && out[out.length - 1] !== last) {
    // the last category (e.g. the output layer) matters: make room for it
    if (!fits(last) && out.length > 1) out.pop();
    if (fits(last)) out.push(last);
  }
  return out;
}
