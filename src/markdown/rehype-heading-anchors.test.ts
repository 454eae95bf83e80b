import type { Element, Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';

const heading = (tagName: string, id?: string): Element => ({
  type: 'element', tagName, properties: id ? { id } : {}, children: [{ type: 'text', value: 'Title' }],
});

describe('section permalinks', () => {
  it('ends every h2 and h3 with an id with a "#" link to it, named in the chapter’s language; others are left alone', () => {
    const tree: Root = { type: 'root', children: [heading('h2', 'greedy'), heading('h3', 'regularizer'), heading('h2'), heading('h4', 'deep'), heading('p', 'x')] };
    rehypeHeadingAnchors()(tree, new VFile({ path: '/repo/content/zh/pretraining.mdx' }));
    const [h2, h3, noId, h4, p] = tree.children as Element[];
    const anchor = h2!.children.at(-1) as Element;
    expect(anchor).toMatchObject({ tagName: 'a', properties: { href: '#greedy', className: ['anchor'], ariaLabel: '本节链接' } });
    expect(anchor.properties['dataPagefindIgnore']).toBe('');
    expect((h3!.children.at(-1) as Element).properties['href']).toBe('#regularizer');
    for (const el of [noId!, h4!, p!]) expect(el.children).toHaveLength(1);
  });

  it('names the link in English for an English chapter', () => {
    const tree: Root = { type: 'root', children: [heading('h2', 'code')] };
    rehypeHeadingAnchors()(tree, new VFile({ path: 'content/en/lstm.mdx' }));
    expect(((tree.children[0] as Element).children.at(-1) as Element).properties['ariaLabel']).toBe('Link to this section');
  });
});
