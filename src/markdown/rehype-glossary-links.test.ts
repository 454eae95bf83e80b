import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../lib/glossary-schema.ts';
import { chapterOfFile, rehypeGlossaryLinks } from './rehype-glossary-links.ts';

const entry = (id: string, en: string, zh: string, extra: Partial<GlossaryEntry> = {}): GlossaryEntry => ({
  id, en, zh, aliases: { en: [], zh: [] }, disallowed: { en: [], zh: [] },
  definition: { en: `${en} means…`, zh: `${zh}是……` }, chapter: 'overview', link: true, ...extra,
});
const entries = [
  entry('relu', 'ReLU', 'ReLU'),
  entry('leaky-relu', 'leaky ReLU', 'leaky ReLU'),
  entry('normalization', 'normalization', '归一化'),
  entry('batch-normalization', 'batch normalization', '批量归一化'),
  entry('residual-connection', 'residual connection', '残差连接'),
  entry('loss', 'loss', '损失', { link: false }),
];

const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, children: ElementContent[], className?: string[]): Element => ({ type: 'element', tagName, properties: className ? { className } : {}, children });
const file = (path: string) => ({ path }) as VFile;

/** The tree as a compact string: a linked term as [text→href], its tooltip dropped. */
function show(nodes: readonly (ElementContent | Root['children'][number])[]): string {
  return nodes.map((n) => {
    if (n.type === 'text') return n.value;
    if (n.type !== 'element') return '';
    if ((n.properties?.['className'] as string[] | undefined)?.includes('term')) {
      const link = n.children[0] as Element;
      return `[${show(link.children)}→${String(link.properties['href'])}]`;
    }
    return show(n.children);
  }).join('');
}

function run(path: string, ...blocks: Element[]): Root {
  const tree: Root = { type: 'root', children: blocks };
  rehypeGlossaryLinks({ entries })(tree, file(path));
  return tree;
}

describe('glossary terms link to their entry at their first use in a chapter', () => {
  it('links the first use only, relative to the chapter, case-insensitively in English, with plurals and -ise spellings', () => {
    const tree = run('/site/content/en/overview.mdx',
      el('p', [text('Residual connections help. So does Batch Normalisation; a residual connection again.')]),
      el('p', [text('batch normalization, once more.')]));
    expect(show(tree.children)).toBe('[Residual connections→../glossary/#residual-connection] help. So does [Batch Normalisation→../glossary/#batch-normalization]; a residual connection again.batch normalization, once more.');
  });

  it('takes the longest term: 批量归一化 is not its 归一化, leaky ReLU not its ReLU, and a word is not inside another (PReLU)', () => {
    const tree = run('/site/content/zh/overview.mdx', el('p', [text('PReLU 和 leaky ReLU；批量归一化，再说批量归一化，最后是归一化和 ReLU。')]));
    expect(show(tree.children)).toBe('PReLU 和 [leaky ReLU→../glossary/#leaky-relu]；[批量归一化→../glossary/#batch-normalization]，再说批量归一化，最后是[归一化→../glossary/#normalization]和 [ReLU→../glossary/#relu]。');
  });

  it('leaves headings, links, code, maths, tables and widgets alone, and terms marked link: false', () => {
    const tree = run('/site/content/en/overview.mdx',
      el('h2', [text('ReLU')]),
      el('p', [el('a', [text('ReLU')]), el('code', [text('ReLU')]), el('span', [text('ReLU')], ['katex']), text(' the loss')]),
      el('table', [el('tr', [el('td', [text('ReLU')])])]),
      el('p', [el('em', [text('a ReLU')])]));
    expect(show(tree.children)).toBe('ReLUReLUReLUReLU the lossReLUa [ReLU→../glossary/#relu]');
  });

  it('describes the link by a hidden tooltip holding the definition in the chapter’s language', () => {
    const tree = run('/site/content/zh/lstm.mdx', el('p', [text('用 ReLU')]));
    const term = (tree.children[0] as Element).children[1] as Element;
    const [link, tip] = term.children as [Element, Element];
    expect(link.properties['ariaDescribedBy']).toEqual(['term-def-relu']);
    expect(tip.properties).toMatchObject({ id: 'term-def-relu', role: 'tooltip', hidden: true });
    expect(show(tip.children)).toBe('ReLU是……');
  });

  it('touches only chapters: content/<lang>/<slug>.mdx', () => {
    expect(chapterOfFile(file('/a/content/zh/lstm.mdx'))).toEqual({ lang: 'zh', slug: 'lstm' });
    expect(chapterOfFile(file('/a/content/de/lstm.mdx'))).toBeUndefined();
    expect(chapterOfFile(file('/a/README.md'))).toBeUndefined();
    expect(show(run('/a/src/pages/about.mdx', el('p', [text('ReLU')])).children)).toBe('ReLU');
  });
});
