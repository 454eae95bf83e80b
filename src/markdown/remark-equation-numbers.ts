import type { Root, Link, Parent } from 'mdast';
import type {} from 'mdast-util-to-hast';
import type { Math } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Numbers display equations that carry `\label{eq-…}` and resolves empty links to
 * them: `[](#eq-chain)` renders as "(1)". The equation is wrapped in
 * `<div class="equation" id="eq-chain">` so the link has a target, and the label
 * becomes KaTeX's `\tag{1}`.
 */
const LABEL = /\\label\{(eq-[a-z0-9-]+)\}/;

export function remarkEquationNumbers() {
  return (tree: Root, file: VFile) => {
    const numbers = new Map<string, number>();

    visit(tree, 'math', (node: Math, index, parent: Parent | undefined) => {
      const match = LABEL.exec(node.value);
      if (!match || !parent || index === undefined) return;
      const id = match[1]!;
      if (numbers.has(id)) file.fail(`Equation label ${id} is used twice`, node);
      const n = numbers.size + 1;
      numbers.set(id, n);
      node.value = node.value.replace(LABEL, `\\tag{${n}}`);
      // remark-math caches `<pre><code>tex</code></pre>` for rehype in hChildren; keep it in step
      const code = node.data?.hChildren?.[0];
      const text = code?.type === 'element' ? code.children[0] : undefined;
      if (text?.type === 'text') text.value = node.value;
      const wrapper = {
        type: 'equation',
        data: { hName: 'div', hProperties: { id, className: ['equation'] } },
        children: [node],
      };
      parent.children.splice(index, 1, wrapper as unknown as Parent['children'][number]);
    });

    visit(tree, 'link', (node: Link) => {
      if (!node.url.startsWith('#eq-') || node.children.length > 0) return;
      const n = numbers.get(node.url.slice(1));
      if (n === undefined) file.fail(`Reference to unknown equation ${node.url}`, node);
      node.children = [{ type: 'text', value: `(${n})` }];
      node.data = { ...node.data, hProperties: { className: ['eqref'] } };
    });
  };
}
