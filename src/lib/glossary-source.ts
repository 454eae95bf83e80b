/**
 * Reading content/glossary.yaml and the chapters from disk, for the build's term links
 * (astro.config.mjs) and the terms check (tests/content/glossary.test.ts). The site's pages read
 * the same file through the `glossary` content collection. Build-time only (node:fs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { langs } from '../i18n/locales.ts';
import { glossaryProblems, validEntries, type ChapterText } from './glossary-check.ts';
import type { GlossaryEntry } from './glossary-schema.ts';

export const CONTENT_DIR = 'content';
export const glossaryFile = (contentDir = CONTENT_DIR) => join(contentDir, 'glossary.yaml');

/** Slugs of the chapters of either language (content/<lang>/<slug>.mdx). */
export function chapterSlugsIn(contentDir = CONTENT_DIR): string[] {
  const slugs = langs.flatMap((lang) => {
    const dir = join(contentDir, lang);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4)) : [];
  });
  return [...new Set(slugs)].sort();
}

export function readGlossaryYaml(file: string): unknown {
  return parseYaml(readFileSync(file, 'utf8'));
}

/** The glossary's entries; throws, naming every problem, when the file is not sound. */
export function readGlossary(file = glossaryFile(), chapterSlugs = chapterSlugsIn()): GlossaryEntry[] {
  const raw = readGlossaryYaml(file);
  const problems = glossaryProblems(raw, chapterSlugs);
  if (problems.length) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  return validEntries(raw, chapterSlugs);
}

export function readChapterTexts(contentDir = CONTENT_DIR): ChapterText[] {
  return langs.flatMap((lang) => {
    const dir = join(contentDir, lang);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .sort()
      .map((f) => {
        const file = join(dir, f);
        return { file, lang, slug: f.slice(0, -4), text: readFileSync(file, 'utf8') };
      });
  });
}
