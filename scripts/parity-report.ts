/**
 * The build's parity report: per chapter, what differs between its zh and en sources (sections,
 * equations, widgets, references, code blocks), for reviewers of a pull request. Written next
 * to the site as parity-report.md and parity-report.json; the parity test (tests/content)
 * fails on the differences that break links (sections, equations, widgets), while references
 * and code blocks may differ on purpose and are only reported.
 * Usage: node scripts/parity-report.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT, readChapter, slugsOf, type ChapterSource } from './chapter-source.ts';

type Aspect = 'sections' | 'equations' | 'widgets' | 'references' | 'codeBlocks';
const ASPECTS: Record<Aspect, (c: ChapterSource) => string[]> = {
  sections: (c) => c.headingIds,
  equations: (c) => c.equationLabels,
  widgets: (c) => c.widgetTags,
  references: (c) => c.references,
  codeBlocks: (c) => c.codeBlocks,
};

export interface AspectDiff {
  onlyEn: string[];
  onlyZh: string[];
  /** Same items, different order. */
  reordered: boolean;
  count: { en: number; zh: number };
}

export type ChapterReport = { slug: string; missing?: 'en' | 'zh' } & Partial<Record<Aspect, AspectDiff>>;

/** Items of `a` not matched by one of `b` (a multiset difference, so a repeated item counts). */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** Every chapter of `dir` (content/<lang>/<slug>.mdx), with the aspects in which its two languages differ. */
export function parityReport(dir = CONTENT): ChapterReport[] {
  const en = slugsOf('en', dir);
  const zh = slugsOf('zh', dir);
  return [...new Set([...en, ...zh])].sort().map((slug) => {
    if (!zh.includes(slug)) return { slug, missing: 'zh' };
    if (!en.includes(slug)) return { slug, missing: 'en' };
    const a = readChapter('en', slug, dir);
    const b = readChapter('zh', slug, dir);
    const report: ChapterReport = { slug };
    for (const [aspect, pick] of Object.entries(ASPECTS) as [Aspect, (c: ChapterSource) => string[]][]) {
      const [x, y] = [pick(a), pick(b)];
      const diff = { onlyEn: minus(x, y), onlyZh: minus(y, x), reordered: false, count: { en: x.length, zh: y.length } };
      diff.reordered = !diff.onlyEn.length && !diff.onlyZh.length && x.join('\n') !== y.join('\n');
      if (diff.onlyEn.length || diff.onlyZh.length || diff.reordered) report[aspect] = diff;
    }
    return report;
  });
}

export function markdown(reports: readonly ChapterReport[]): string {
  const lines = ['# Parity report: zh ↔ en', '', 'Per chapter, what differs between the two languages’ sources. A chapter not listed below is in step.', ''];
  for (const r of reports) {
    const aspects = (Object.keys(ASPECTS) as Aspect[]).filter((k) => r[k]);
    if (!r.missing && !aspects.length) continue;
    lines.push(`## ${r.slug}`, '');
    if (r.missing) lines.push(`- no ${r.missing} version`);
    for (const k of aspects) {
      const d = r[k]!;
      const parts = [
        `${d.count.en} en, ${d.count.zh} zh`,
        ...(d.onlyEn.length ? [`only in en: ${d.onlyEn.map((x) => `\`${x || '(no language)'}\``).join(', ')}`] : []),
        ...(d.onlyZh.length ? [`only in zh: ${d.onlyZh.map((x) => `\`${x || '(no language)'}\``).join(', ')}`] : []),
        ...(d.reordered ? ['same items, another order'] : []),
      ];
      lines.push(`- ${k}: ${parts.join('; ')}`);
    }
    lines.push('');
  }
  const clean = reports.filter((r) => !r.missing && !(Object.keys(ASPECTS) as Aspect[]).some((k) => r[k])).map((r) => r.slug);
  lines.push(`In step: ${clean.join(', ') || 'none'}.`, '');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? process.env['OUT_DIR'] ?? 'dist';
  const reports = parityReport();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'parity-report.json'), `${JSON.stringify(reports, null, 1)}\n`);
  writeFileSync(join(out, 'parity-report.md'), markdown(reports));
  const differing = reports.filter((r) => r.missing || (Object.keys(ASPECTS) as Aspect[]).some((k) => r[k])).length;
  console.log(`parity report: ${reports.length} chapters, ${differing} with differences → ${join(out, 'parity-report.md')}`);
}
