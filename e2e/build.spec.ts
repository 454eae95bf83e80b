import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';

// Checks on the built output itself (dist/), the way it will be deployed.
const dist = 'dist';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

test('chapters are rendered with KaTeX at build time, and no KaTeX JavaScript ships', () => {
  for (const lang of ['en', 'zh']) {
    const html = readFileSync(join(dist, lang, 'overview', 'index.html'), 'utf8');
    expect(html).toContain('class="katex"');
    expect(html).toContain('<math');
  }
  const scripts = files(dist, '.js');
  expect(scripts.length).toBeGreaterThan(0);
  for (const file of scripts) {
    const text = readFileSync(file, 'utf8');
    expect(/katex/i.test(text), file).toBe(false);
  }
});

test('Pagefind indexed both languages: every chapter, the glossary and the doctor', () => {
  const entry = JSON.parse(readFileSync(join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  const pages = readdirSync(join('content', 'en')).length + 2;
  expect(entry.languages['en']?.page_count).toBe(pages);
  expect(entry.languages['zh-cn']?.page_count).toBe(pages);
});
