import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Wide tables and display equations scroll sideways on phones; a keyboard user can only
 * scroll what can take focus, so every table and display equation in a chapter is focusable.
 */
export function rehypeFocusableScrollers() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const cls = node.properties?.['className'];
      const display = Array.isArray(cls) && cls.includes('katex-display');
      if (node.tagName === 'table' || display) node.properties = { ...node.properties, tabIndex: 0 };
    });
  };
}
