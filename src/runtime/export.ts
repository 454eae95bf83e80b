/**
 * A widget's numbers to take away: every frame of every run, as CSV (one row per frame, one
 * column per number) and as JSON (the frames as the engine made them, with what they came from:
 * parameters, seed, backend, engine version, date). Pure functions: the widget's buttons
 * (widget-dom.ts) turn them into downloads.
 */
import type { RunShape } from '../engine/experiments/types';
import type { Frame } from '../engine/frame';
import type { RunFrames } from '../widgets/types';

export interface ExportMeta {
  widget: string;
  title: string;
  chapter: string;
  lang: string;
  /** The configuration's link (copy link). */
  url: string;
  params: Record<string, unknown>;
  seed: number;
  backend: string;
  /** The engine's version (package.json). */
  version: string;
  /** ISO 8601, when the file was made. */
  date: string;
}

type Cell = number | string;

/** Leading columns, in this order, before the rest in first-seen order. */
const FIRST = ['run', 'step', 'phase'];

/**
 * One frame as named numbers: nested objects by dotted path (eval.loss, extras.firstOverLast),
 * number arrays by 1-based index (gradNormH.1 … gradNormH.T: time steps), layers by name
 * (dense3.gradNormW, dense3.act.mean). Histograms stay in the JSON only: their bins would be
 * dozens of columns per layer.
 */
export function flattenFrame(frame: Frame): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  const put = (prefix: string, v: unknown) => {
    if (typeof v === 'number' || typeof v === 'string') out[prefix] = v;
    else if (typeof v === 'boolean') out[prefix] = v ? 1 : 0;
    else if (Array.isArray(v)) v.forEach((x, i) => put(`${prefix}.${i + 1}`, x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) put(prefix ? `${prefix}.${k}` : k, x);
  };
  const { experiment: _experiment, layers, ...rest } = frame;
  put('', rest);
  for (const { name, histogram: _histogram, ...fields } of layers) put(name, fields);
  return out;
}

const csvCell = (v: Cell | undefined): string => {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Every frame of every run, run after run, one row each; a number a frame lacks is an empty cell. */
export function framesToCsv(frames: RunFrames): string {
  const rows = [...frames.values()].flat().map(flattenFrame);
  const seen = new Set<string>(FIRST);
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  const columns = [...seen].filter((k) => !FIRST.includes(k) || rows.some((r) => k in r));
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((k) => csvCell(r[k])).join(','))].join('\n') + '\n';
}

/** Numbers in full; non-finite ones as the strings "NaN", "Infinity", "-Infinity" (as frameToJson writes them, frameFromJson reads them). */
const nonFinite = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** The frames, by run, with their provenance and the runs' shapes. */
export function framesToJson(meta: ExportMeta, runs: readonly RunShape[], frames: RunFrames): string {
  return JSON.stringify({ ...meta, runs, frames: Object.fromEntries(frames) }, nonFinite);
}
