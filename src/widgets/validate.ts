/**
 * What makes a widget module whole: its experiment has its id, it has a view and
 * chart slots, and strings in every language with the same keys as English. The
 * registry checks every module when it loads, so the build stops naming the widget.
 */
import { langs, type Lang } from '../i18n/locales';

/** What is checked of a module: the parts a broken one may lack. */
export interface ModuleParts {
  readonly spec?: { readonly id: string };
  readonly view?: unknown;
  readonly layout?: readonly (readonly string[])[];
  readonly strings?: Partial<Readonly<Record<Lang, unknown>>>;
}

/** Dotted paths of the string leaves: 'ratio', 'axis.layer'. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) for (const [p, leaf] of leaves(v, path)) out.set(p, leaf);
    else out.set(path, v);
  }
  return out;
}

export function widgetProblems(id: string, w: ModuleParts): string[] {
  const problems: string[] = [];
  if (w.spec?.id !== id) problems.push(`its experiment is ${w.spec ? `"${w.spec.id}"` : 'missing'}`);
  if (typeof w.view !== 'function') problems.push('it has no view');
  if (!w.layout?.length || w.layout.some((row) => !row.length)) problems.push('it has no chart slots');
  const en = leaves(w.strings?.en);
  for (const lang of langs) {
    const table = w.strings?.[lang];
    if (table === undefined) {
      problems.push(`it has no ${lang} strings`);
      continue;
    }
    const mine = leaves(table);
    for (const key of en.keys()) if (typeof mine.get(key) !== 'string' || mine.get(key) === '') problems.push(`its ${lang} strings lack "${key}"`);
    for (const key of mine.keys()) if (!en.has(key)) problems.push(`its ${lang} strings have "${key}", which en does not`);
  }
  return problems.map((p) => `widget "${id}": ${p}`);
}

/** Throws one error listing every problem of every module. */
export function assertWidgets(registry: Readonly<Record<string, ModuleParts>>): void {
  const problems = Object.entries(registry).flatMap(([id, w]) => widgetProblems(id, w));
  if (problems.length) throw new Error(`Broken widget modules (src/widgets/<id>/widget.ts):\n  ${problems.join('\n  ')}`);
}
