/**
 * The terms check that `npm test` runs (tests/content/glossary.test.ts): pure functions over the
 * glossary's parsed YAML and the chapters' text, so that fixtures can prove each rule fails.
 */
import { glossaryEntrySchema, type GlossaryEntry } from './glossary-schema.ts';
import { findTerm } from './term-pattern.ts';
import type { Lang } from '../i18n/locales.ts';

export interface ChapterText {
  /** Path as shown in messages, e.g. content/zh/overview.mdx. */
  file: string;
  lang: Lang;
  slug: string;
  text: string;
}

export interface Violation {
  file: string;
  /** 1-based. */
  line: number;
  variant: string;
  /** The entry's preferred form in the chapter's language. */
  preferred: string;
  id: string;
}

/**
 * What is wrong with the glossary as data: an entry that fails the schema (a missing language of
 * the term or its definition, an unknown chapter…), a repeated id, or a variant that is both
 * accepted and disallowed. Empty when it is sound.
 */
export function glossaryProblems(raw: unknown, chapterSlugs: readonly string[]): string[] {
  if (!Array.isArray(raw)) return ['the glossary must be a list of terms'];
  const schema = glossaryEntrySchema(chapterSlugs);
  const problems: string[] = [];
  const seen = new Set<string>();
  raw.forEach((item: unknown, index) => {
    const id = typeof item === 'object' && item !== null && 'id' in item ? String(item.id) : `term #${index + 1}`;
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${id}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      return;
    }
    if (seen.has(id)) problems.push(`${id}: the id is used twice`);
    seen.add(id);
    for (const lang of ['en', 'zh'] as const) {
      const accepted = [parsed.data[lang], ...parsed.data.aliases[lang]];
      for (const variant of parsed.data.disallowed[lang]) {
        if (accepted.includes(variant)) problems.push(`${id}: disallowed.${lang}: "${variant}" is also its term or an alias`);
      }
    }
  });
  return problems;
}

/** The valid entries of a glossary whose problems were reported by glossaryProblems. */
export function validEntries(raw: unknown, chapterSlugs: readonly string[]): GlossaryEntry[] {
  const schema = glossaryEntrySchema(chapterSlugs);
  return (Array.isArray(raw) ? raw : []).flatMap((item: unknown) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * Every disallowed variant in a chapter of its language. The one exception (DESIGN.md, "Terms
 * (zh)"): the chapter that explains the term may name a source variant once, so that search
 * finds it there ("原文称“梯度剪切”"); a second mention is a violation.
 */
export function disallowedVariants(chapters: readonly ChapterText[], entries: readonly GlossaryEntry[]): Violation[] {
  const violations: Violation[] = [];
  for (const chapter of chapters) {
    for (const entry of entries) {
      for (const variant of entry.disallowed[chapter.lang]) {
        const hits = findTerm(chapter.text, variant);
        const reported = entry.chapter === chapter.slug ? hits.slice(1) : hits;
        for (const hit of reported) {
          violations.push({ file: chapter.file, line: lineOf(chapter.text, hit.index), variant: hit.match, preferred: entry[chapter.lang], id: entry.id });
        }
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}: "${v.variant}" — write "${v.preferred}" (glossary: ${v.id})`;
}
