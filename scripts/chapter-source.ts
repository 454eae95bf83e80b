/**
 * A chapter's MDX source as the parity checks see it (tests/content/parity.test.ts, and the
 * parity report of the build: scripts/parity-report.ts): its sections, equations, widgets,
 * references and code blocks. Build-time only (node:fs).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';

export const CONTENT = 'content';
export const LANGS = ['en', 'zh'] as const;

export interface ChapterSource {
  lang: string;
  slug: string;
  file: string;
  frontmatter: Record<string, unknown>;
  /** Explicit heading ids `[#id]` of ## and ### headings, in order (fenced code skipped). */
  headingIds: string[];
  /** Headings (## / ###) that lack an explicit id. */
  headingsWithoutId: string[];
  equationLabels: string[];
  widgetTags: string[];
  /** Titles of the frontmatter's references, in order. */
  references: string[];
  /** The language of each fenced code block, in order ('' when it names none). */
  codeBlocks: string[];
}

function withoutCode(body: string): string {
  return body.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, '');
}

export function readChapter(lang: string, slug: string, dir = CONTENT): ChapterSource {
  const file = join(dir, lang, `${slug}.mdx`);
  const text = readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no frontmatter`);
  const body = withoutCode(match[2]!);
  const frontmatter = parseYaml(match[1]!) as Record<string, unknown>;
  const headings = [...body.matchAll(/^#{2,3}\s+(.*)$/gm)].map((m) => m[1]!.trim());
  return {
    lang,
    slug,
    file,
    frontmatter,
    headingIds: headings.flatMap((h) => /\[#([a-z0-9-]+)\]$/.exec(h)?.[1] ?? []),
    headingsWithoutId: headings.filter((h) => !/\[#([a-z0-9-]+)\]$/.test(h)),
    equationLabels: [...body.matchAll(/\\label\{(eq-[a-z0-9-]+)\}/g)].map((m) => m[1]!),
    widgetTags: [...body.matchAll(/<Widget\s+id="([^"]+)"/g)].map((m) => m[1]!),
    references: ((frontmatter['references'] as { title: string }[] | undefined) ?? []).map((r) => r.title),
    codeBlocks: [...match[2]!.matchAll(/^(```|~~~)([\w-]*).*\n[\s\S]*?^\1\s*$/gm)].map((m) => m[2]!),
  };
}

export function slugsOf(lang: string, dir = CONTENT): string[] {
  return readdirSync(join(dir, lang))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.slice(0, -4))
    .sort();
}
