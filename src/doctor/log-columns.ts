/**
 * A parsed log, column by column: a million rows stay a few typed arrays, not a million
 * objects. Rows keep their order in the file; a row's measures are flagged in `has`
 * (bit i = MEASURES[i]) because NaN and ±∞ are values here, not "missing".
 */
import { MEASURES, type MeasureKey } from './format';

export interface LogColumns {
  format: 'csv' | 'jsonl';
  /** Names in the order they first appear: the snippets write them input → output. */
  names: string[];
  rows: number;
  step: Float64Array;
  name: Uint32Array;
  /** One array per measure the log uses (length `rows`); read only where `has` says so. */
  values: Partial<Record<MeasureKey, Float64Array>>;
  has: Uint8Array;
}

export const MEASURE_BIT = Object.fromEntries(MEASURES.map((m, i) => [m, 1 << i])) as Record<MeasureKey, number>;

/** Appends rows into arrays that double as they fill. */
export class LogBuilder {
  private cap = 4096;
  private n = 0;
  private step = new Float64Array(this.cap);
  private name = new Uint32Array(this.cap);
  private has = new Uint8Array(this.cap);
  private values: Partial<Record<MeasureKey, Float64Array>> = {};
  private readonly nameIndex = new Map<string, number>();
  private readonly names: string[] = [];
  /** The row being filled: `begin`, then `set` for each measure, then `commit` (or nothing, to drop it). */
  private row = { step: 0, name: '', has: 0 };
  private readonly pending = new Float64Array(MEASURES.length);

  get rows(): number {
    return this.n;
  }

  begin(step: number, name: string): void {
    this.row = { step, name, has: 0 };
  }

  /** A name's index, given on its first committed row: a dropped row adds no name. */
  private intern(name: string): number {
    let idx = this.nameIndex.get(name);
    if (idx === undefined) {
      idx = this.names.length;
      this.names.push(name);
      this.nameIndex.set(name, idx);
    }
    return idx;
  }

  set(measureIndex: number, v: number): void {
    this.pending[measureIndex] = v;
    this.row.has |= 1 << measureIndex;
  }

  commit(): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.step[i] = this.row.step;
    this.name[i] = this.intern(this.row.name);
    this.has[i] = this.row.has;
    for (let m = 0; m < MEASURES.length; m++) {
      if (!(this.row.has & (1 << m))) continue;
      const key = MEASURES[m]!;
      (this.values[key] ??= new Float64Array(this.cap))[i] = this.pending[m]!;
    }
  }

  private grow(): void {
    this.cap *= 2;
    const widen = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.step = widen(this.step);
    this.name = widen(this.name);
    this.has = widen(this.has);
    for (const k of Object.keys(this.values) as MeasureKey[]) this.values[k] = widen(this.values[k]!);
  }

  finish(format: LogColumns['format']): LogColumns {
    const n = this.n;
    const values: LogColumns['values'] = {};
    for (const k of Object.keys(this.values) as MeasureKey[]) values[k] = this.values[k]!.subarray(0, n);
    return { format, names: this.names.slice(), rows: n, step: this.step.subarray(0, n), name: this.name.subarray(0, n), values, has: this.has.subarray(0, n) };
  }
}
