/**
 * The heatmap's cells, pure (no DOM): rows × columns, each column a fixed x range, each
 * cell the running aggregate of the values that fell in it, so a growing series adds
 * only its new points. A cell reads as
 * - NaN when any of its values is NaN or ±∞ (divergence is never averaged away);
 * - otherwise the geometric mean of its positive values;
 * - 0 when it has only zeros / negatives; null when it has no value.
 */
import { niceLogDomain, type Domain } from './ticks.ts';

export interface CellGrid {
  readonly rows: number;
  readonly cols: number;
  /** the x range the columns split evenly */
  readonly x0: number;
  readonly x1: number;
  readonly sumLog: Float64Array;
  readonly nPos: Uint32Array;
  readonly nNonPos: Uint32Array;
  readonly nonFinite: Uint8Array;
  /** smallest and largest positive finite value added (the colour domain's data) */
  min: number;
  max: number;
}

export function createCellGrid(rows: number, cols: number, x0: number, x1: number): CellGrid {
  const n = Math.max(0, rows) * Math.max(1, cols);
  return {
    rows: Math.max(0, rows),
    cols: Math.max(1, cols),
    x0,
    x1,
    sumLog: new Float64Array(n),
    nPos: new Uint32Array(n),
    nNonPos: new Uint32Array(n),
    nonFinite: new Uint8Array(n),
    min: Infinity,
    max: -Infinity,
  };
}

/** The column x falls in (clamped to the grid); the epsilon keeps step 29 of 400 in column 29, not 28.999… */
export function columnOf(g: CellGrid, x: number): number {
  const t = g.x1 > g.x0 ? (x - g.x0) / (g.x1 - g.x0) : 0;
  return Math.max(0, Math.min(g.cols - 1, Math.floor(t * g.cols + 1e-9)));
}

/** Adds value `v` at `x` to row `r`; missing values (null/undefined) add nothing. */
export function addValue(g: CellGrid, r: number, x: number, v: number | null | undefined): void {
  if (v === null || v === undefined) return;
  const i = r * g.cols + columnOf(g, x);
  if (!Number.isFinite(v)) g.nonFinite[i] = 1;
  else if (v > 0) {
    g.sumLog[i] += Math.log(v);
    g.nPos[i]! += 1;
    if (v < g.min) g.min = v;
    if (v > g.max) g.max = v;
  } else g.nNonPos[i]! += 1;
}

/** The aggregate of cell (r, c); see the module comment. */
export function cellValue(g: CellGrid, r: number, c: number): number | null {
  const i = r * g.cols + c;
  if (g.nonFinite[i]) return NaN;
  if (g.nPos[i]) return Math.exp(g.sumLog[i]! / g.nPos[i]!);
  return g.nNonPos[i] ? 0 : null;
}

export type CellKind = 'value' | 'nonfinite' | 'nonpositive' | 'empty';

export function cellKind(v: number | null | undefined): CellKind {
  if (v === null || v === undefined) return 'empty';
  if (!Number.isFinite(v)) return 'nonfinite';
  return v > 0 ? 'value' : 'nonpositive';
}

/**
 * One colour scale for several heatmaps (e.g. one per run), so equal colours mean equal
 * values: each heatmap given it as `domain` reports its data range; all redraw when the
 * union's whole decades change.
 */
export interface SharedLogDomain {
  readonly shared: true;
  /** whole decades around every member's data (the fallback when none has data) */
  domain(): Domain;
  /** a member's data range changed; the others are told when the domain changes */
  report(member: object, min: number, max: number): void;
  join(member: object, onChange: () => void): void;
  leave(member: object): void;
}

export function createSharedLogDomain(): SharedLogDomain {
  const ranges = new Map<object, [number, number]>();
  const listeners = new Map<object, () => void>();
  const compute = (): Domain => niceLogDomain([...ranges.values()].flat());
  let current = compute();
  return {
    shared: true,
    domain: () => current,
    report(member, min, max) {
      ranges.set(member, [min, max]);
      const next = compute();
      if (next[0] === current[0] && next[1] === current[1]) return;
      current = next;
      for (const [m, cb] of listeners) if (m !== member) cb();
    },
    join(member, onChange) {
      listeners.set(member, onChange);
    },
    leave(member) {
      listeners.delete(member);
      ranges.delete(member);
    },
  };
}

export function isSharedDomain(d: Domain | SharedLogDomain | undefined): d is SharedLogDomain {
  return !!d && !Array.isArray(d) && (d as SharedLogDomain).shared === true;
}
