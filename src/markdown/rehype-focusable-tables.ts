import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Wide tables scroll sideways on phones; a keyboard user can only scroll what can
 * take focus, so every table in a chapter is focusable.
 */
export function rehypeFocusableTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'table') node.properties = { ...node.properties, tabIndex: 0 };
    });
  };
}
