/**
 * THE declaration format of experiment parameters. An experiment declares
 * its parameters once; UI controls, URL state and its validation, CLI flags
 * and labels are all derived from the declaration.
 *
 * Raw values (query string, CLI flags) go through `coerceParams`, which never
 * throws: every problem becomes a structured `ParamNotice` that the UI words
 * in either language.
 */

import type { Lang } from '../i18n/locales';

export type Label = { readonly en: string; readonly zh: string };

/** Fields every kind of parameter has. */
interface ParamBase {
  readonly label: Label;
  readonly help?: Label;
  /**
   * Set on a comparison's second-run twin (experiments/compare.ts): the key
   * of the parameter it mirrors, so controls can group the two and disable
   * the twin while the comparison is off.
   */
  readonly compareOf?: string;
  /**
   * A parameter that only some values of another choice use (leaky ReLU's slope): its control
   * is enabled while `param`, or its run-B twin when the comparison is on, takes one of `values`.
   */
  readonly usedWith?: { readonly param: string; readonly values: readonly string[] };
}

export interface NumberParam extends ParamBase {
  readonly kind: 'int' | 'float';
  readonly min: number;
  readonly max: number;
  /** Grid the value snaps to, counted from `min`. */
  readonly step: number;
  readonly default: number;
  /** How a slider maps position to value; the grid is `step` either way. */
  readonly scale?: 'linear' | 'log';
  readonly unit?: Label;
  /** How a legend writes a value, '{v}' standing for it (e.g. 'σ = {v}'); `label value` when absent. */
  readonly legend?: Label;
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: Label;
  /** A shorter name for legends ('Xavier' for 'Xavier (Glorot)'); `label` when absent. */
  readonly short?: Label;
}

export interface ChoiceParam extends ParamBase {
  readonly kind: 'choice';
  readonly options: readonly ChoiceOption[];
  readonly default: string;
}

export interface BoolParam extends ParamBase {
  readonly kind: 'bool';
  readonly default: boolean;
}

export type ParamSpec = NumberParam | ChoiceParam | BoolParam;
export type ParamSpecs = Record<string, ParamSpec>;

/** A choice param's value is the union of its option values when declared with `defineParams`. */
type ChoiceValue<P> = P extends { readonly options: readonly { readonly value: infer V }[] } ? (V extends string ? V : string) : string;

export type ParamValue<P extends ParamSpec> = P extends ChoiceParam ? ChoiceValue<P> : P extends BoolParam ? boolean : number;
export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: ParamValue<S[K]> };

/**
 * 'clamped': a number moved into the allowed set (range and `step` grid; `value` is what it became);
 * 'invalid': not a number / not an option / not a boolean: the default is used (`value`);
 * 'unknown': no such parameter: ignored.
 */
export type ParamNotice = {
  param: string;
  raw: string;
  kind: 'clamped' | 'invalid' | 'unknown';
  value?: number | string | boolean;
};

/**
 * The seed of a widget's session, declared once for the URL state and the
 * CLI. Six digits: short enough to read aloud and type, and far more seeds
 * than anyone will try.
 */
export const SEED_PARAM = {
  kind: 'int', min: 0, max: 999_999, step: 1, default: 1, label: { en: 'Seed', zh: '随机种子' },
} as const satisfies NumberParam;

/** The seed parameter of an experiment whose default seed is `seed` (SEED_PARAM's when undefined). */
export function seedParam(seed: number | undefined): NumberParam {
  return seed === undefined ? SEED_PARAM : { ...SEED_PARAM, default: seed };
}

/** Identity that keeps literal option values, so ParamValues gets `'sigmoid' | 'tanh'` rather than `string`. */
export function defineParams<const S extends ParamSpecs>(specs: S): S {
  return specs;
}

export function defaults<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const out: Record<string, number | string | boolean> = {};
  for (const key of Object.keys(specs)) out[key] = specs[key]!.default;
  return out as ParamValues<S>;
}

function decimals(x: number): number {
  const s = String(x);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2)) + (s.slice(0, e).split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** Clamps to [min, max] and snaps to the step grid counted from min; float noise is rounded away. */
export function snapNumber(spec: NumberParam, v: number): number {
  const clamped = Math.min(spec.max, Math.max(spec.min, v));
  const steps = spec.step > 0 ? Math.round((clamped - spec.min) / spec.step) : 0;
  let out = spec.step > 0 ? spec.min + steps * spec.step : clamped;
  if (out > spec.max) out -= spec.step; // max not on the grid
  const places = Math.min(12, Math.max(decimals(spec.min), decimals(spec.step)));
  out = Number(out.toFixed(places));
  return spec.kind === 'int' ? Math.round(out) : out;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

type Parsed = { ok: true; value: number | string | boolean; adjusted: boolean } | { ok: false };

/** Callers promise strings; a non-string that cannot even be printed becomes '' (then 'invalid'). */
function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return String(v);
  } catch {
    return '';
  }
}

/** Parses one raw string against one spec; never throws. */
export function parseParam(spec: ParamSpec, raw: string): Parsed {
  const text = toText(raw).trim();
  switch (spec.kind) {
    case 'int':
    case 'float': {
      // Number('') is 0 and Number(' ') too: an empty value is junk, not zero.
      if (text === '') return { ok: false };
      const v = Number(text);
      if (!Number.isFinite(v)) return { ok: false };
      const value = snapNumber(spec, v);
      return { ok: true, value, adjusted: value !== v };
    }
    case 'choice': {
      const exact = spec.options.find((o) => o.value === text);
      if (exact) return { ok: true, value: exact.value, adjusted: false };
      const loose = spec.options.find((o) => o.value.toLowerCase() === text.toLowerCase());
      return loose ? { ok: true, value: loose.value, adjusted: false } : { ok: false };
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return { ok: true, value: true, adjusted: false };
      if (FALSE.has(t)) return { ok: true, value: false, adjusted: false };
      return { ok: false };
    }
  }
}

export function coerceParams<S extends ParamSpecs>(specs: S, raw: Record<string, string>): { values: ParamValues<S>; notices: ParamNotice[] } {
  const values: Record<string, number | string | boolean> = defaults(specs);
  const notices: ParamNotice[] = [];
  let entries: [string, unknown][] = [];
  try {
    entries = Object.entries(raw ?? {});
  } catch {
    entries = [];
  }
  for (const [param, rawValue] of entries) {
    const text = toText(rawValue);
    if (!Object.hasOwn(specs, param)) {
      notices.push({ param, raw: text, kind: 'unknown' });
      continue;
    }
    const spec = specs[param]!;
    const parsed = parseParam(spec, text);
    if (!parsed.ok) {
      notices.push({ param, raw: text, kind: 'invalid', value: spec.default });
      continue;
    }
    values[param] = parsed.value;
    if (parsed.adjusted) notices.push({ param, raw: text, kind: 'clamped', value: parsed.value });
  }
  return { values: values as ParamValues<S>, notices };
}

/**
 * Values that arrive already typed (a worker message, a caller's object):
 * each declared parameter is checked like a raw string would be (wrong
 * type, off range, off grid, missing → fixed), unknown keys dropped. Never
 * throws; experiments run their input through this so a bad message cannot
 * start, say, a 10 000-layer network.
 */
export function sanitizeValues<S extends ParamSpecs>(specs: S, values: unknown): ParamValues<S> {
  const raw: Record<string, string> = {};
  const given = (typeof values === 'object' && values !== null ? values : {}) as Record<string, unknown>;
  for (const key of Object.keys(specs)) {
    if (!Object.hasOwn(given, key)) continue;
    const v = given[key];
    const spec = specs[key]!;
    const typeOk = spec.kind === 'bool' ? typeof v === 'boolean' : spec.kind === 'choice' ? typeof v === 'string' : typeof v === 'number';
    if (typeOk) raw[key] = toText(v);
  }
  return coerceParams(specs, raw).values;
}

/** The canonical string of a value: what URLs and CLI flags carry. `parseParam(spec, serializeParam(spec, v))` gives v back. */
export function serializeParam(spec: ParamSpec, value: number | string | boolean): string {
  switch (spec.kind) {
    case 'int':
    case 'float':
      return String(snapNumber(spec, Number(value)));
    case 'choice':
      return String(value);
    case 'bool':
      return value ? 'true' : 'false';
  }
}

/** All values as strings, optionally leaving out those at their default (short URLs). */
export function serializeParams<S extends ParamSpecs>(specs: S, values: ParamValues<S>, opts: { omitDefaults?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(specs)) {
    const spec = specs[key]!;
    const text = serializeParam(spec, values[key] as number | string | boolean);
    if (opts.omitDefaults && text === serializeParam(spec, spec.default)) continue;
    out[key] = text;
  }
  return out;
}

/** How a legend names a value: an option by its short name, a number through `legend`, a switch by its label (or "no …"). */
export function legendLabel(spec: ParamSpec, value: number | string | boolean): Label {
  const each = (l: Label, f: (text: string, lang: Lang) => string): Label => ({ en: f(l.en, 'en'), zh: f(l.zh, 'zh') });
  switch (spec.kind) {
    case 'int':
    case 'float': {
      const v = serializeParam(spec, value);
      return spec.legend ? each(spec.legend, (t) => t.replace('{v}', v)) : each(spec.label, (t) => `${t} ${v}`);
    }
    case 'choice': {
      const option = spec.options.find((o) => o.value === value);
      return option ? (option.short ?? option.label) : { en: String(value), zh: String(value) };
    }
    case 'bool':
      return value ? spec.label : each(spec.label, (t, lang) => (lang === 'en' ? `no ${t}` : `无${t}`));
  }
}

export function label(l: Label, lang: Lang): string {
  return l[lang];
}
