/**
 * Reads a doctor log in pieces (a File's stream, or pasted text cut into slices), so a
 * worker can report progress on a million rows. The first line that is neither empty
 * nor a `#` comment decides the format: `{` → JSON lines, else a CSV (or tab-separated)
 * header. A bad row is skipped with a problem naming its line; the good rows are kept.
 */
import { COLUMNS, MEASURES, REQUIRED } from './format';
import { LogBuilder, type LogColumns } from './log-columns';

export type Problem =
  | { kind: 'unknown-format'; line: number; text: string }
  | { kind: 'missing-column'; line: number; column: string }
  | { kind: 'missing-value'; line: number; column: string }
  | { kind: 'not-a-number'; line: number; column: string; text: string }
  | { kind: 'bad-step'; line: number; text: string }
  | { kind: 'bad-share'; line: number; column: string; text: string }
  | { kind: 'bad-json'; line: number }
  | { kind: 'field-count'; line: number; expected: number; got: number }
  | { kind: 'no-values'; line: number }
  | { kind: 'unknown-column'; line: number; column: string };

/** Problems that drop nothing: the row (or the column) is read as far as it can be. */
export const NOTICE_KINDS: ReadonlySet<Problem['kind']> = new Set(['unknown-column']);

export interface ParseResult {
  log: LogColumns | null;
  /** The first problems, in line order ({@link MAX_PROBLEMS} at most)… */
  problems: Problem[];
  /** …and how many there were in all. */
  problemCount: number;
  lines: number;
}

export const MAX_PROBLEMS = 200;

const NAN_WORDS = new Set(['nan', '+nan', '-nan']);
const INF_WORDS = new Set(['inf', '+inf', 'infinity', '+infinity']);
const NEG_INF_WORDS = new Set(['-inf', '-infinity']);

/** A number as CSV writers and Python print them (`nan`, `inf`, `1e-07`); null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  if (!Number.isNaN(v)) return /^0[xob]/i.test(t) ? null : v;
  const w = t.toLowerCase();
  if (NAN_WORDS.has(w)) return NaN;
  if (INF_WORDS.has(w)) return Infinity;
  if (NEG_INF_WORDS.has(w)) return -Infinity;
  return null;
}

/** Splits one CSV line; quotes only where the line has any (names rarely need them). */
export function splitCsv(line: string, delim: string): string[] {
  if (!line.includes('"')) return line.split(delim);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delim) out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** Python's json module writes bare NaN and Infinity, which JSON.parse refuses. */
const PY_NONFINITE = /([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g;

function parseJsonObject(line: string): Record<string, unknown> | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    try {
      v = JSON.parse(line.replace(PY_NONFINITE, '$1"$2"'));
    } catch {
      return null;
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const MEASURE_INDEX = new Map(MEASURES.map((m, i) => [m as string, i]));
const SHARE = new Set<string>(COLUMNS.filter((c) => c.kind === 'share').map((c) => c.key));
const KNOWN = new Set<string>(COLUMNS.map((c) => c.key));

type Mode =
  | { kind: 'csv'; delim: string; fields: number; stepAt: number; nameAt: number; at: number[]; columns: (readonly [string, number])[] }
  | { kind: 'jsonl' };

export interface LogParser {
  /** The next piece of text; lines may end in the next piece. */
  push(text: string): void;
  end(): ParseResult;
  readonly rows: number;
}

export function createLogParser(): LogParser {
  const out = new LogBuilder();
  const problems: Problem[] = [];
  let problemCount = 0;
  let carry = '';
  let lineNo = 0;
  let mode: Mode | null = null;
  let fatal = false;
  let gradSeen = false;
  let firstRowLine = 0;
  const unknownReported = new Set<string>();

  const report = (p: Problem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  function header(line: string): void {
    if (line.startsWith('{')) {
      mode = { kind: 'jsonl' };
      row(line);
      return;
    }
    const delim = !line.includes(',') && line.includes('\t') ? '\t' : ',';
    const cols = splitCsv(line, delim).map((c) => c.trim().toLowerCase());
    const missing = REQUIRED.filter((r) => !cols.includes(r));
    if (missing.length === REQUIRED.length || (missing.length > 0 && parseNumber(cols[0] ?? '') !== null)) {
      fatal = true;
      report({ kind: 'unknown-format', line: lineNo, text: line.slice(0, 80) });
      return;
    }
    if (missing.length > 0) {
      fatal = true;
      for (const column of missing) report({ kind: 'missing-column', line: lineNo, column });
      return;
    }
    for (const c of cols) if (!KNOWN.has(c)) report({ kind: 'unknown-column', line: lineNo, column: c });
    mode = {
      kind: 'csv',
      delim,
      fields: cols.length,
      stepAt: cols.indexOf('step'),
      nameAt: cols.indexOf('name'),
      at: cols.flatMap((c, i) => (MEASURE_INDEX.has(c) ? [i] : [])),
      columns: cols.flatMap((c) => (MEASURE_INDEX.has(c) ? [[c, MEASURE_INDEX.get(c)!] as const] : [])),
    };
    gradSeen = true; // the header names it; rows may leave it empty
  }

  /** A step is a whole number ≥ 0 (Python may write 3.0). */
  function stepOf(v: unknown): number | null {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
    return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
  }

  /** A measure's value: null (reported) when it is not a number or a share is outside 0…1. */
  function measure(column: string, v: unknown): number | null | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
    if (n === null) {
      report({ kind: 'not-a-number', line: lineNo, column, text: String(typeof v === 'object' ? JSON.stringify(v) : v).slice(0, 40) });
      return null;
    }
    if (SHARE.has(column) && Number.isFinite(n) && (n < 0 || n > 1)) {
      report({ kind: 'bad-share', line: lineNo, column, text: String(v) });
      return null;
    }
    return n;
  }

  /** `columns[i]` = [column, measure index] of `vals[i]`. */
  function finishRow(step: unknown, name: unknown, columns: readonly (readonly [string, number])[], vals: readonly unknown[]): void {
    if (step === undefined || step === null || step === '') return report({ kind: 'missing-value', line: lineNo, column: 'step' });
    const s = stepOf(step);
    if (s === null) return report({ kind: 'bad-step', line: lineNo, text: String(step).slice(0, 40) });
    const n = typeof name === 'string' ? name.trim() : typeof name === 'number' ? String(name) : '';
    if (n === '') return report({ kind: 'missing-value', line: lineNo, column: 'name' });
    out.begin(s, n);
    let any = false;
    for (let i = 0; i < columns.length; i++) {
      const [column, m] = columns[i]!;
      const v = measure(column, vals[i]);
      if (v === null) return; // reported; the row is dropped
      if (v === undefined) continue;
      out.set(m, v);
      any = true;
      if (column === 'grad_norm') gradSeen = true;
    }
    if (!any) return report({ kind: 'no-values', line: lineNo });
    if (firstRowLine === 0) firstRowLine = lineNo;
    out.commit();
  }

  function row(line: string): void {
    const m = mode!;
    if (m.kind === 'csv') {
      const f = splitCsv(line, m.delim);
      if (f.length !== m.fields) return report({ kind: 'field-count', line: lineNo, expected: m.fields, got: f.length });
      return finishRow(f[m.stepAt]!.trim(), f[m.nameAt], m.columns, m.at.map((i) => f[i]));
    }
    const o = line.startsWith('{') ? parseJsonObject(line) : null;
    if (!o) return report({ kind: 'bad-json', line: lineNo });
    for (const k of Object.keys(o)) {
      if (!KNOWN.has(k) && !unknownReported.has(k)) {
        unknownReported.add(k);
        report({ kind: 'unknown-column', line: lineNo, column: k });
      }
    }
    const cols: (readonly [string, number])[] = [];
    for (const [key, mi] of MEASURE_INDEX) if (key in o) cols.push([key, mi]);
    finishRow(o['step'], o['name'], cols, cols.map(([key]) => o[key]));
  }

  function line(raw: string): void {
    lineNo++;
    if (fatal) return;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const t = text.trim();
    if (t === '' || t.startsWith('#')) return;
    if (mode === null) header(t);
    else row(t);
  }

  return {
    push(text) {
      const parts = (carry + text).split('\n');
      carry = parts.pop()!;
      for (const p of parts) line(p);
    },
    end() {
      if (carry !== '') line(carry);
      carry = '';
      const m = mode as Mode | null;
      if (m === null && !fatal) report({ kind: 'unknown-format', line: lineNo, text: '' });
      if (m?.kind === 'jsonl' && out.rows > 0 && !gradSeen) report({ kind: 'missing-column', line: firstRowLine, column: 'grad_norm' });
      problems.sort((a, b) => a.line - b.line);
      return { log: m && out.rows > 0 ? out.finish(m.kind) : null, problems, problemCount, lines: lineNo };
    },
    get rows() {
      return out.rows;
    },
  };
}
