import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { VFile } from 'vfile';
import { isLang, type Lang } from '../i18n/locales.ts';
import type { GlossaryEntry } from '../lib/glossary-schema.ts';
import { termPatternSource } from '../lib/term-pattern.ts';
import { definitionParts, type DefinitionPart } from '../lib/definition-text.ts';

/**
 * The first use of each glossary term in a chapter becomes a link to its entry on the glossary
 * page, described (aria-describedby) by a tooltip holding the term's definition, which CSS shows
 * on hover and on keyboard focus (global.css, "Glossary terms"). Only prose is touched: not
 * headings, links, code, maths, tables (they scroll, and would clip the tooltip) or widgets.
 */

/** Elements whose text is never linked. */
const SKIP_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'figure', 'figcaption', 'table', 'summary', 'button', 'label', 'sup', 'sub']);
const SKIP_CLASSES = new Set(['katex', 'katex-display', 'math-inline', 'math-display', 'math-nobr']);
/** MDX components whose children are the chapter's prose. */
const PROSE_COMPONENTS = new Set(['Aside']);

/** MDX components in the tree (hast's types do not list them). */
type MdxJsxElement = { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement'; name: string | null; children: Node[] };
type Node = Root | RootContent | MdxJsxElement;
type Matcher = { regex: RegExp; entries: GlossaryEntry[] };

/** content/<lang>/<slug>.mdx → its language and slug; anything else is not a chapter. */
export function chapterOfFile(file: VFile | undefined): { lang: Lang; slug: string } | undefined {
  const parts = file?.path?.split(/[\\/]/) ?? [];
  const [dir, name] = [parts.at(-2), parts.at(-1)];
  if (!isLang(dir) || !name?.endsWith('.mdx') || parts.at(-3) !== 'content') return undefined;
  return { lang: dir, slug: name.slice(0, -4) };
}

/** Relative, so that it works under any base: a chapter is <base><lang>/<slug>/, the glossary <base><lang>/glossary/. */
export const glossaryHref = (id: string) => `../glossary/#${id}`;
export const definitionId = (id: string) => `term-def-${id}`;

/**
 * One alternation of every linked term of a language, longest first, so that "批量归一化" is
 * taken whole rather than its "归一化", and "leaky ReLU" rather than its "ReLU".
 */
function matcherFor(entries: readonly GlossaryEntry[], lang: Lang): Matcher {
  const linked = entries.filter((e) => e.link).sort((a, b) => b[lang].length - a[lang].length);
  const alternatives = linked.map((e) => `(${termPatternSource(e[lang], { englishForms: lang === 'en' })})`);
  return { regex: new RegExp(alternatives.join('|'), 'giu'), entries: linked };
}

function classesOf(node: Element): string[] {
  const cls = node.properties?.['className'];
  return Array.isArray(cls) ? cls.map(String) : [];
}

function isSkipped(node: Node): boolean {
  if (node.type === 'element') return SKIP_TAGS.has(node.tagName) || classesOf(node).some((c) => SKIP_CLASSES.has(c));
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') return !PROSE_COMPONENTS.has(node.name ?? '');
  return false;
}

const toHast = ({ kind, value }: DefinitionPart): ElementContent =>
  kind === 'text' ? { type: 'text', value } : { type: 'element', tagName: kind, properties: {}, children: [{ type: 'text', value }] };

function termLink(entry: GlossaryEntry, lang: Lang, text: string): Element {
  const tipId = definitionId(entry.id);
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['term'] },
    children: [
      { type: 'element', tagName: 'a', properties: { href: glossaryHref(entry.id), className: ['term-link'], ariaDescribedBy: [tipId] }, children: [{ type: 'text', value: text }] },
      // hidden: without the site's CSS (reader mode, feeds) the definition stays out of the sentence.
      { type: 'element', tagName: 'span', properties: { id: tipId, role: 'tooltip', className: ['term-tip'], hidden: true, dataPagefindIgnore: '' }, children: definitionParts(entry.definition[lang]).map(toHast) },
    ],
  };
}

/** The text node split around the terms not yet linked in this chapter (each is then marked linked). */
function linkTerms(node: Text, matcher: Matcher, lang: Lang, linked: Set<string>): ElementContent[] | undefined {
  const out: ElementContent[] = [];
  let last = 0;
  for (const m of node.value.matchAll(matcher.regex)) {
    // A term already linked still matches, so that its text is not taken by a shorter term it contains.
    const entry = matcher.entries[m.slice(1).findIndex((g) => g !== undefined)];
    if (!entry || linked.has(entry.id)) continue;
    linked.add(entry.id);
    if (m.index > last) out.push({ type: 'text', value: node.value.slice(last, m.index) });
    out.push(termLink(entry, lang, m[0]));
    last = m.index + m[0].length;
  }
  if (!out.length) return undefined;
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}

export function rehypeGlossaryLinks({ entries }: { entries: readonly GlossaryEntry[] }) {
  const matchers = { en: matcherFor(entries, 'en'), zh: matcherFor(entries, 'zh') } satisfies Record<Lang, Matcher>;
  return (tree: Root, file?: VFile) => {
    const chapter = chapterOfFile(file);
    if (!chapter) return;
    const matcher = matchers[chapter.lang];
    const linked = new Set<string>();
    const walk = (parent: Node) => {
      if (!('children' in parent)) return;
      const children = parent.children as Node[];
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.type === 'text') {
          const parts = linkTerms(child, matcher, chapter.lang, linked);
          if (parts) {
            children.splice(i, 1, ...parts);
            i += parts.length - 1;
          }
        } else if (!isSkipped(child)) {
          walk(child);
        }
      }
    };
    walk(tree);
  };
}
