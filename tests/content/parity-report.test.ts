import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { markdown, parityReport } from '../../scripts/parity-report';

const chapter = (body: string, refs: string[] = []) =>
  `---\ntitle: T\norder: 1\nreferences:\n${refs.map((t) => `  - { authors: [A], year: 2000, title: "${t}" }`).join('\n') || '  []'}\n---\n${body}`;

it('the parity report names, per chapter, the sections, equations, widgets, references and code blocks only one language has', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-'));
  for (const lang of ['en', 'zh']) mkdirSync(join(dir, lang));
  writeFileSync(join(dir, 'en', 'a.mdx'), chapter('## One [#one]\n\n## Two [#two]\n\n$$\nx \\label{eq-x}\n$$\n\n<Widget id="w" />\n\n```python\nprint(1)\n```\n', ['Paper', 'Book']));
  writeFileSync(join(dir, 'zh', 'a.mdx'), chapter('## 二 [#two]\n\n## 一 [#one]\n\n```python\nprint(1)\n```\n\n```ts\nlet x\n```\n', ['Paper']));
  writeFileSync(join(dir, 'en', 'b.mdx'), chapter('## Same [#same]\n'));
  writeFileSync(join(dir, 'zh', 'b.mdx'), chapter('## 同 [#same]\n'));
  writeFileSync(join(dir, 'en', 'c.mdx'), chapter('## Only [#only]\n'));
  const [a, b, c] = parityReport(dir);
  expect(a).toEqual({
    slug: 'a',
    sections: { onlyEn: [], onlyZh: [], reordered: true, count: { en: 2, zh: 2 } },
    equations: { onlyEn: ['eq-x'], onlyZh: [], reordered: false, count: { en: 1, zh: 0 } },
    widgets: { onlyEn: ['w'], onlyZh: [], reordered: false, count: { en: 1, zh: 0 } },
    references: { onlyEn: ['Book'], onlyZh: [], reordered: false, count: { en: 2, zh: 1 } },
    codeBlocks: { onlyEn: [], onlyZh: ['ts'], reordered: false, count: { en: 1, zh: 2 } },
  });
  expect(b).toEqual({ slug: 'b' });
  expect(c).toEqual({ slug: 'c', missing: 'zh' });
  const md = markdown([a!, b!, c!]);
  expect(md).toContain('## a');
  expect(md).toContain('- equations: 1 en, 0 zh; only in en: `eq-x`');
  expect(md).toContain('- no zh version');
  expect(md).toContain('In step: b.');
});
