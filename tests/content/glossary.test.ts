import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disallowedVariants, formatViolation, glossaryProblems } from '../../src/lib/glossary-check';
import { chapterSlugsIn, glossaryFile, readChapterTexts, readGlossary, readGlossaryYaml } from '../../src/lib/glossary-source';

// The site writes each term one way (CONTRIBUTING, "Terms"); content/glossary.yaml says which.
const FIXTURES = join(import.meta.dirname, 'fixtures', 'glossary');
const fixtureContent = join(FIXTURES, 'content');

describe('the terms check, on fixtures', () => {
  const slugs = chapterSlugsIn(fixtureContent);
  const entries = readGlossary(join(FIXTURES, 'glossary.yaml'), slugs);
  const violations = disallowedVariants(readChapterTexts(fixtureContent), entries);

  it('names the file, line and variant of a disallowed variant', () => {
    expect(violations.map(formatViolation)).toContain(`${join(fixtureContent, 'zh', 'gradient-clipping.mdx')}:12: "批规范化" — write "批量归一化" (glossary: batch-normalization)`);
  });

  it('lets the explaining chapter name a source variant once, not twice', () => {
    const clipping = violations.filter((v) => v.id === 'gradient-clipping' && v.file.includes('zh'));
    expect(clipping.map((v) => [v.line, v.variant])).toEqual([[12, '梯度剪切']]);
  });

  it('checks zh variants in zh chapters only, en variants in en chapters, matching English case-insensitively', () => {
    const en = violations.filter((v) => v.file.includes(join('content', 'en')));
    expect(en.map((v) => [v.line, v.variant])).toEqual([[8, 'Gradient Clamping']]);
  });

  it('passes a chapter that uses only the preferred terms', () => {
    expect(violations.filter((v) => v.file === join(fixtureContent, 'zh', 'overview.mdx'))).toEqual([]);
  });

  it('fails a glossary with a term missing its Chinese form or definition, naming them', () => {
    const problems = glossaryProblems(readGlossaryYaml(join(FIXTURES, 'glossary-missing-zh.yaml')), slugs);
    expect(problems).toEqual([
      expect.stringMatching(/^gradient-clipping: definition\.zh: must not be empty/),
      expect.stringMatching(/^batch-normalization: zh: /),
    ]);
    expect(() => readGlossary(join(FIXTURES, 'glossary-missing-zh.yaml'), slugs)).toThrow(/batch-normalization: zh/);
  });

  it('fails a term whose chapter does not exist, and one that disallows its own alias', () => {
    const raw = readGlossaryYaml(join(FIXTURES, 'glossary.yaml')) as Record<string, unknown>[];
    const broken = [{ ...raw[0], chapter: 'no-such-chapter' }, { ...raw[1], disallowed: { en: [], zh: ['批量归一化'] } }];
    expect(glossaryProblems(broken, slugs)).toEqual([
      expect.stringContaining('gradient-clipping: chapter: unknown chapter "no-such-chapter"'),
      'batch-normalization: disallowed.zh: "批量归一化" is also its term or an alias',
    ]);
  });
});

describe('the site’s glossary and chapters', () => {
  const slugs = chapterSlugsIn();

  it('has every term in both languages, with both definitions and an existing chapter', () => {
    expect(glossaryProblems(readGlossaryYaml(glossaryFile()), slugs)).toEqual([]);
  });

  it('no chapter uses a disallowed variant (its own chapter may name one once)', () => {
    const entries = readGlossary();
    expect(entries.length).toBeGreaterThan(50);
    expect(disallowedVariants(readChapterTexts(), entries).map(formatViolation)).toEqual([]);
  });
});
