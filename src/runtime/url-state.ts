/**
 * Widget state in the query string: `?<widget>.<param>=<value>`, so `#anchors` stay
 * free for headings and a link can carry a configured widget. Read through the
 * declared parameters: out-of-range values are clamped, junk dropped, with notices.
 */
import { coerceParams, serializeParams, type ParamNotice, type ParamSpecs, type ParamValues } from '../engine/params';

/** Seed of a widget's run, in the URL next to its parameters. */
export const SEED_SPEC = {
  seed: { kind: 'int', min: 0, max: 999_999, step: 1, default: 1, label: { en: 'Seed', zh: '随机种子' } },
} as const satisfies ParamSpecs;

function rawFor(widget: string, search: string): Record<string, string> {
  const raw: Record<string, string> = {};
  const prefix = `${widget}.`;
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  return raw;
}

export function readWidgetState<S extends ParamSpecs>(
  widget: string,
  specs: S,
  search = location.search,
): { values: ParamValues<S>; seed: number; notices: ParamNotice[] } {
  const all = { ...specs, ...SEED_SPEC };
  const { values, notices } = coerceParams(all, rawFor(widget, search));
  const { seed, ...rest } = values as Record<string, unknown>;
  return { values: rest as ParamValues<S>, seed: seed as number, notices };
}

/** Writes the widget's non-default values with replaceState; other widgets' keys and the #hash stay. */
export function writeWidgetState<S extends ParamSpecs>(widget: string, specs: S, values: ParamValues<S>, seed: number): void {
  const params = new URLSearchParams(location.search);
  for (const key of [...params.keys()]) if (key.startsWith(`${widget}.`)) params.delete(key);
  const all = { ...specs, ...SEED_SPEC };
  const text = serializeParams(all, { ...values, seed } as ParamValues<typeof all>, { omitDefaults: true });
  for (const [key, value] of Object.entries(text)) params.set(`${widget}.${key}`, value);
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}
