/**
 * Widget state in the query string: `?<widget>.<param>=<value>`, so `#anchors` stay
 * free for headings and a link can carry a configured widget. Read through the
 * declared parameters: out-of-range values are clamped, junk dropped, with notices.
 * Page-level keys (`?backend=`) are read here too, and anything else is reported.
 */
import { coerceParams, seedParam, serializeParams, type ParamSpecs, type ParamValues } from '../engine/params';
import { isBackend, type BackendName } from './protocol';
import type { Notice } from './widget-machine';

/** Seed of a widget's session, in the URL next to its parameters (`defaultSeed`: its experiment's). */
const seedSpec = (defaultSeed?: number) => ({ seed: seedParam(defaultSeed) }) satisfies ParamSpecs;

function rawFor(widget: string, search: string): Record<string, string> {
  const raw: Record<string, string> = {};
  const prefix = `${widget}.`;
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  return raw;
}

export function readWidgetState<S extends ParamSpecs>(widget: string, specs: S, search: string, defaultSeed?: number): { values: ParamValues<S>; seed: number; notices: Notice[] } {
  const all = { ...specs, ...seedSpec(defaultSeed) };
  const { values, notices } = coerceParams(all, rawFor(widget, search));
  const { seed, ...rest } = values as Record<string, unknown>;
  return { values: rest as ParamValues<S>, seed: seed as number, notices: notices.map((notice) => ({ kind: 'param', notice })) };
}

/**
 * The page-level keys: a valid `?backend=` forces that backend; a junk one, and any
 * key that is neither a page key nor `<widget>.<param>` of a widget on the page
 * (`?seed=-1`: seeds are per widget), is ignored with a notice.
 */
export function readPageState(search: string, widgets: readonly string[]): { backend?: BackendName; notices: Notice[] } {
  const notices: Notice[] = [];
  let backend: BackendName | undefined;
  for (const [key, raw] of new URLSearchParams(search)) {
    if (key === 'backend') {
      if (isBackend(raw)) backend = raw;
      else notices.push({ kind: 'backend-junk', raw });
    } else if (!widgets.some((w) => key.startsWith(`${w}.`))) {
      notices.push({ kind: 'page-param', key, raw });
    }
  }
  return { ...(backend ? { backend } : {}), notices };
}

/** `search` with the widget's keys replaced by its non-default values (other widgets' keys stay). */
export function withWidgetState<S extends ParamSpecs>(search: string, widget: string, specs: S, values: ParamValues<S>, seed: number, defaultSeed?: number): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(`${widget}.`)) params.delete(key);
  const all = { ...specs, ...seedSpec(defaultSeed) };
  const text = serializeParams(all, { ...values, seed } as ParamValues<typeof all>, { omitDefaults: true });
  for (const [key, value] of Object.entries(text)) params.set(`${widget}.${key}`, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Writes the widget's non-default values with replaceState; other widgets' keys and the #hash stay. */
export function writeWidgetState<S extends ParamSpecs>(widget: string, specs: S, values: ParamValues<S>, seed: number, defaultSeed?: number): void {
  history.replaceState(history.state, '', `${location.pathname}${withWidgetState(location.search, widget, specs, values, seed, defaultSeed)}${location.hash}`);
}

/** The link to this widget in this configuration: this page, only this widget's keys, the widget's own anchor. */
export function widgetLink<S extends ParamSpecs>(widget: string, anchor: string, specs: S, values: ParamValues<S>, seed: number, defaultSeed?: number): string {
  return `${location.origin}${location.pathname}${withWidgetState('', widget, specs, values, seed, defaultSeed)}#${anchor}`;
}
