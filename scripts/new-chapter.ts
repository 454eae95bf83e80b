/**
 * Scaffolds a chapter in both languages: content/en/<slug>.mdx and content/zh/<slug>.mdx, with the
 * frontmatter the schema requires, the next `order`, and the same skeleton in both (section ids, a
 * numbered equation, a reference, a code block), so the parity checks pass from the start.
 * Placeholders carry the PLACEHOLDER marker: the site builds and previews, but `npm test` fails
 * (tests/content/new-chapter.test.ts) until the author has replaced every one of them.
 * Nothing else lists the chapters: the nav, sitemap, search and preview images follow the files.
 * Usage: node scripts/new-chapter.ts <slug> [--content-dir=<dir>]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT, LANGS, readChapter, slugsOf } from './chapter-source.ts';

export const PLACEHOLDER = 'TODO(new-chapter)';

/** Chapters share /<lang>/ with these pages (src/pages/[lang]/): a slug may not take their names. */
function reservedSlugs(): string[] {
  return readdirSync(join('src', 'pages', '[lang]'))
    .filter((f) => !f.startsWith('['))
    .map((f) => f.replace(/\.(astro|ts)$/, ''));
}

/** Why `slug` cannot be a new chapter in `dir`, or undefined when it can. */
export function slugProblem(slug: string, dir = CONTENT): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return `"${slug}" is not a kebab-case slug (a-z, 0-9, single hyphens), e.g. learning-rate-warmup`;
  if (reservedSlugs().includes(slug)) return `"${slug}" is the name of a page under /<lang>/ (src/pages/[lang]/)`;
  for (const lang of LANGS) {
    if (existsSync(join(dir, lang, `${slug}.mdx`))) return `a chapter "${slug}" exists already (${join(dir, lang, `${slug}.mdx`)})`;
  }
  return undefined;
}

/** The order after the last chapter's. */
function nextOrder(dir: string): number {
  const orders = LANGS.flatMap((lang) => slugsOf(lang, dir).map((slug) => Number(readChapter(lang, slug, dir).frontmatter['order']) || 0));
  return Math.max(0, ...orders) + 1;
}

const q = (s: string) => JSON.stringify(s); // a YAML double-quoted string

function frontmatter(f: { title: string; description: string; order: number; updated: string; reference: string }): string {
  return [
    '---',
    `title: ${q(f.title)}`,
    `description: ${q(f.description)}`,
    `order: ${f.order}`,
    'widgets: []',
    `updated: ${f.updated}`,
    'references:',
    `  - authors: [${q(`${PLACEHOLDER} Author`)}]`,
    `    year: ${f.updated.slice(0, 4)}`,
    `    title: ${q(f.reference)}`,
    '---',
    '',
  ].join('\n');
}

/** The display equation both languages share, numbered and citable as [](#eq-<slug>). */
const equation = (slug: string) => [
  '$$',
  '\\frac{\\partial L}{\\partial W_1} = \\frac{\\partial L}{\\partial h_n} \\prod_{k=2}^{n} \\frac{\\partial h_k}{\\partial h_{k-1}} \\, \\frac{\\partial h_1}{\\partial W_1}',
  `\\label{eq-${slug}}`,
  '$$',
].join('\n');

const code = ['```python', `# ${PLACEHOLDER}: code that runs as written`, '```'].join('\n');

function english(slug: string, order: number, updated: string): string {
  const name = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return `${frontmatter({
    title: `${PLACEHOLDER} ${name}`,
    description: `${PLACEHOLDER}: one or two sentences, shown in search results and link previews.`,
    order,
    updated,
    reference: `${PLACEHOLDER}: the work this chapter rests on`,
  })}
${PLACEHOLDER}: the opening paragraph. What goes wrong with the gradient, and what this chapter changes about it.

## The idea [#idea]

${PLACEHOLDER}: the mechanism in words, then in maths (inline as \`$…$\`). A numbered equation, cited as [](#eq-${slug}):

${equation(slug)}

## Try it [#try-it]

${PLACEHOLDER}: place the chapter's widget here and list its id in \`widgets\`, in both languages (CONTRIBUTING, "A new widget"). Say what to try and what the reader will see.

## In practice [#in-practice]

${PLACEHOLDER}: what to do about it in PyTorch or TensorFlow.

${code}

## Summary [#summary]

${PLACEHOLDER}: what to remember.
`;
}

function chinese(slug: string, order: number, updated: string): string {
  return `${frontmatter({
    title: `${PLACEHOLDER} 中文标题`,
    description: `${PLACEHOLDER}：一两句话，显示在搜索结果和链接预览中。`,
    order,
    updated,
    reference: `${PLACEHOLDER}: the work this chapter rests on`,
  })}
${PLACEHOLDER}：开篇一段。梯度出了什么问题，本章的办法改变了什么。

## 基本思路 [#idea]

${PLACEHOLDER}：先用文字讲清机制，再写成公式（行内公式写作 \`$…$\`）。编号公式如下，引用时写 [](#eq-${slug})：

${equation(slug)}

## 动手试试 [#try-it]

${PLACEHOLDER}：在这里放本章的组件，并在两种语言的 \`widgets\` 中列出它的 id（见 CONTRIBUTING 的“新增组件”）。告诉读者该试什么、会看到什么。

## 实践中 [#in-practice]

${PLACEHOLDER}：在 PyTorch 或 TensorFlow 中该怎么做。

${code}

## 小结 [#summary]

${PLACEHOLDER}：需要记住什么。
`;
}

/** Writes both languages' files of chapter `slug` into `dir`; returns their paths. Throws when the slug cannot be used. */
export function scaffold(slug: string, dir = CONTENT, today = new Date()): string[] {
  const problem = slugProblem(slug, dir);
  if (problem) throw new Error(problem);
  const order = nextOrder(dir);
  const updated = today.toISOString().slice(0, 10);
  const files = { en: english(slug, order, updated), zh: chinese(slug, order, updated) };
  return LANGS.map((lang) => {
    const file = join(dir, lang, `${slug}.mdx`);
    writeFileSync(file, files[lang], { flag: 'wx' }); // never overwrite
    return file;
  });
}

/** The chapter files in `dir` that still hold a placeholder. */
export function unfinishedChapters(dir = CONTENT): string[] {
  return LANGS.flatMap((lang) => slugsOf(lang, dir).map((slug) => join(dir, lang, `${slug}.mdx`)))
    .filter((file) => readFileSync(file, 'utf8').includes(PLACEHOLDER));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => a.startsWith('--content-dir='))?.slice('--content-dir='.length) ?? CONTENT;
  const slugs = args.filter((a) => !a.startsWith('--'));
  if (slugs.length !== 1) {
    console.error('usage: npm run new-chapter -- <slug> [--content-dir=<dir>]');
    process.exit(2);
  }
  try {
    const files = scaffold(slugs[0]!, dir);
    console.log(`Wrote ${files.join(' and ')}.`);
    console.log(`Next: write the chapter in both languages, replacing every ${PLACEHOLDER} (npm test fails while one is left);`);
    console.log(`preview it with npm run dev at /en/${slugs[0]}/ and /zh/${slugs[0]}/. See CONTRIBUTING.md.`);
  } catch (e) {
    console.error(`new-chapter: ${(e as Error).message}`);
    process.exit(1);
  }
}
