import type { Element, ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Keeps inline math on one line with the punctuation that touches it.
 * Browsers may break a line between KaTeX's inline box and a following
 * "，" or "。", so a Chinese line could start with a comma (which CJK
 * typesetting forbids), and an English one with ", ". Each inline formula
 * is wrapped, with the closing punctuation right after it and the opening
 * punctuation right before it, in a span that does not wrap.
 */
const CLOSING = /^[，。、；：！？）」』》〉”’,.;:!?)\]]+/u;
const OPENING = /[（「『《〈“‘(\[]+$/u;

const isInlineMath = (n: ElementContent | undefined): n is Element =>
  n?.type === 'element' && n.tagName === 'span' && Array.isArray(n.properties?.className) && n.properties.className.includes('katex');

const isWrapper = (n: Element) => Array.isArray(n.properties?.className) && n.properties.className.includes('math-nobr');

export function rehypeMathPunctuation() {
  return (tree: Root) => {
    visit(tree, 'element', (parent: Element) => {
      if (isWrapper(parent) || !parent.children.some(isInlineMath)) return;
      const out: ElementContent[] = [];
      const kids = parent.children;
      for (let i = 0; i < kids.length; i++) {
        const node = kids[i]!;
        if (!isInlineMath(node)) {
          out.push(node);
          continue;
        }
        const group: ElementContent[] = [node];
        // Opening punctuation at the end of the text just before: move it in.
        const prev = out[out.length - 1];
        if (prev?.type === 'text') {
          const m = OPENING.exec(prev.value);
          if (m) {
            prev.value = prev.value.slice(0, m.index);
            group.unshift({ type: 'text', value: m[0] });
            if (!prev.value) out.pop();
          }
        }
        // Closing punctuation at the start of the text just after: move it in.
        const next = kids[i + 1];
        if (next?.type === 'text') {
          const m = CLOSING.exec(next.value);
          if (m) {
            group.push({ type: 'text', value: m[0] });
            (next as Text).value = next.value.slice(m[0].length);
            if (!next.value) i++;
          }
        }
        out.push(group.length === 1 ? node : { type: 'element', tagName: 'span', properties: { className: ['math-nobr'] }, children: group });
      }
      parent.children = out;
    });
  };
}
