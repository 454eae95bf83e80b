import type { Element, ElementContent, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { rehypeMathPunctuation } from './rehype-math-punctuation.ts';

const katex = (tex: string): Element => ({ type: 'element', tagName: 'span', properties: { className: ['katex'] }, children: [{ type: 'text', value: tex }] });
const text = (value: string): ElementContent => ({ type: 'text', value });
const paragraph = (...children: ElementContent[]): Root => ({ type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children }] });

/** The paragraph as a compact string: wrappers as [ … ], formulas as $…$. */
function show(tree: Root): string {
  const one = (n: ElementContent): string => {
    if (n.type === 'text') return n.value;
    if (n.type !== 'element') return '';
    const cls = (n.properties?.className as string[] | undefined) ?? [];
    if (cls.includes('katex')) return `$${n.children.map(one).join('')}$`;
    if (cls.includes('math-nobr')) return `[${n.children.map(one).join('')}]`;
    return n.children.map(one).join('');
  };
  return (tree.children[0] as Element).children.map(one).join('');
}

const run = (tree: Root) => {
  rehypeMathPunctuation()(tree);
  return show(tree);
};

describe('inline math keeps the punctuation that touches it on its line', () => {
  it('wraps a formula with the closing punctuation after it (Chinese and English)', () => {
    expect(run(paragraph(text('就要乘一次 '), katex('σ′'), text('，梯度越往前传越小')))).toBe('就要乘一次 [$σ′$，]梯度越往前传越小');
    expect(run(paragraph(text('at most '), katex('1/4'), text('. So')))).toBe('at most [$1/4$.] So');
  });

  it('wraps the opening bracket before a formula, and both sides at once', () => {
    expect(run(paragraph(text('导数（'), katex("f'"), text('）很小')))).toBe('导数[（$f\'$）]很小');
  });

  it('leaves a formula with spaces or words around it alone, and handles several in a row', () => {
    expect(run(paragraph(text('a '), katex('x'), text(' b '), katex('y'), text('。')))).toBe('a $x$ b [$y$。]');
  });

  it('drops text nodes it empties and does not wrap twice', () => {
    const tree = paragraph(katex('x'), text('，'));
    expect(run(tree)).toBe('[$x$，]');
    expect((tree.children[0] as Element).children).toHaveLength(1);
    expect(run(tree)).toBe('[$x$，]');
  });
});
