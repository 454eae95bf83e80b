/** `npm run new-chapter -- <slug>`: a scaffold the site builds and the parity checks accept, which npm test refuses until it is written. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChapter, slugsOf } from '../../scripts/chapter-source';
import { PLACEHOLDER, unfinishedChapters } from '../../scripts/new-chapter';
import { parityReport } from '../../scripts/parity-report';

const slug = 'learning-rate-warmup';

/** The CLI as `npm run new-chapter` starts it, on `dir`. */
function newChapter(dir: string, name: string) {
  const r = spawnSync(process.execPath, ['scripts/new-chapter.ts', name, `--content-dir=${dir}`], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('new-chapter', () => {
  // a copy of content/, so the scaffold meets the real chapters (next order, taken slugs) and leaves content/ alone
  const dir = mkdtempSync(join(tmpdir(), 'gc-new-chapter-'));
  cpSync('content', dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const before = slugsOf('en', dir);
  const lastOrder = Math.max(...before.map((s) => Number(readChapter('en', s, dir).frontmatter['order'])));

  it('writes both languages, with the next order', () => {
    const { status, output } = newChapter(dir, slug);
    expect(status, output).toBe(0);
    for (const lang of ['en', 'zh']) expect(existsSync(join(dir, lang, `${slug}.mdx`))).toBe(true);
    expect(readChapter('en', slug, dir).frontmatter['order']).toBe(lastOrder + 1);
    expect(existsSync(join('content', 'en', `${slug}.mdx`))).toBe(false);
  });

  it('passes the site’s own schema (astro sync over the copy)', () => {
    const sync = spawnSync('astro', ['sync'], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(sync.status, sync.stdout + sync.stderr).toBe(0);
  });

  it('is in step between the languages: sections, equations, widgets, references, code blocks', () => {
    const en = readChapter('en', slug, dir);
    const zh = readChapter('zh', slug, dir);
    expect(parityReport(dir).find((r) => r.slug === slug)).toEqual({ slug });
    for (const c of [en, zh]) expect(c.headingsWithoutId, c.file).toEqual([]);
    expect(en.headingIds.length).toBeGreaterThan(2);
    expect(en.equationLabels).toEqual([`eq-${slug}`]);
    expect(en.references).toHaveLength(1);
    expect(zh.frontmatter['order']).toBe(en.frontmatter['order']);
  });

  it('is unfinished until every placeholder is gone', () => {
    expect(unfinishedChapters(dir)).toEqual([join(dir, 'en', `${slug}.mdx`), join(dir, 'zh', `${slug}.mdx`)]);
  });

  it('refuses a slug that is taken, not kebab-case, or a page’s name', () => {
    for (const [name, reason] of [[slug, 'exists already'], ['Warm_Up', 'kebab-case'], ['glossary', 'page under']] as const) {
      const { status, output } = newChapter(dir, name);
      expect(status, name).not.toBe(0);
      expect(output, name).toContain(reason);
    }
    expect(slugsOf('en', dir)).toEqual([...before, slug].sort());
  });
});

// The scaffold builds, so an unfinished chapter could otherwise land.
it(`no chapter in content/ still holds a ${PLACEHOLDER} placeholder`, () => {
  expect(unfinishedChapters()).toEqual([]);
});
