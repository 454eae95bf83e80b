import type { Root, Heading, Text } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * `## Title [#some-id]` → `<h2 id="some-id">Title</h2>`.
 * MDX reads `{#id}` as JavaScript, so ids are written in brackets instead. Ids are
 * explicit (never slugged from the text) so both languages share them.
 */
const TRAILING_ID = /\s*\[#([a-z0-9][a-z0-9-]*)\]\s*$/;

export function remarkHeadingIds() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'heading', (node: Heading) => {
      const last = node.children.at(-1);
      if (last?.type !== 'text') return;
      const match = TRAILING_ID.exec(last.value);
      if (!match) {
        if (node.depth >= 2 && node.depth <= 3) {
          file.message(`Heading without an explicit id: add [#some-id] at its end`, node);
        }
        return;
      }
      (last as Text).value = last.value.slice(0, match.index);
      node.data ??= {};
      node.data.hProperties = { ...node.data.hProperties, id: match[1]! };
    });
  };
}
