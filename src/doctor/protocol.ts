/** Messages between the doctor page and its worker. Typed arrays of the result move, not copy. */
import type { Analysis } from './analyze';
import type { Problem } from './parse';
import type { Thresholds } from './thresholds';

export type LogSource = { kind: 'text'; text: string } | { kind: 'file'; file: Blob; name: string };

export type ToDoctor =
  /** Sent at page load, so the worker's script is fetched before the reader gives it anything. */
  | { type: 'ping'; id: number }
  | { type: 'read'; id: number; source: LogSource; thresholds: Thresholds }
  /** The same log again with other thresholds: not read again. */
  | { type: 'diagnose'; id: number; thresholds: Thresholds };

export type FromDoctor =
  | { type: 'pong'; id: number }
  | { type: 'progress'; id: number; done: number; total: number; rows: number }
  | {
      type: 'result'; id: number; problems: Problem[]; problemCount: number; lines: number;
      analysis: Analysis | null; ms: number;
      /** Bytes the parsed columns take in the worker (the bench reports it). */
      columnBytes: number;
    }
  | { type: 'failed'; id: number; message: string };

export function transferables(a: Analysis | null): ArrayBuffer[] {
  if (!a) return [];
  const c = a.charts;
  const arrays = [c.x, c.grad, c.global.v, c.global.ok, c.ratio.v, c.ratio.ok, ...(c.loss ? [c.loss.v, c.loss.ok] : [])];
  return arrays.map((x) => x.buffer as ArrayBuffer);
}
