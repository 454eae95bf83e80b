import { describe, expect, it } from 'vitest';
import { readChapter, slugsOf } from '../../scripts/chapter-source';

// Instructors link /en/x/#y and /zh/x/#y interchangeably, and the language switch
// keeps the section: both languages must have the same chapters, widgets and ids.
describe('the two languages stay in step', () => {
  const en = slugsOf('en');

  it('have the same chapter set', () => {
    expect(en.length).toBeGreaterThan(0);
    expect(slugsOf('zh')).toEqual(en);
  });

  for (const slug of en) {
    describe(slug, () => {
      const a = readChapter('en', slug);
      const b = readChapter('zh', slug);

      it('has the same order and widget ids in both languages', () => {
        expect(b.frontmatter['order']).toBe(a.frontmatter['order']);
        expect(b.frontmatter['widgets'] ?? []).toEqual(a.frontmatter['widgets'] ?? []);
      });

      it('places each declared widget exactly once, in both languages', () => {
        for (const c of [a, b]) {
          expect([...c.widgetTags].sort(), c.file).toEqual([...((c.frontmatter['widgets'] as string[]) ?? [])].sort());
        }
      });

      it('gives every ## and ### heading an explicit id, the same ones in the same order', () => {
        expect(a.headingsWithoutId, a.file).toEqual([]);
        expect(b.headingsWithoutId, b.file).toEqual([]);
        expect(new Set(a.headingIds).size, `${a.file}: duplicate heading ids`).toBe(a.headingIds.length);
        expect(b.headingIds).toEqual(a.headingIds);
      });

      it('labels the same equations', () => {
        expect(b.equationLabels).toEqual(a.equationLabels);
      });
    });
  }
});
