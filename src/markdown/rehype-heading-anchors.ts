import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isLang, type Lang } from '../i18n/locales.ts';
import { t } from '../i18n/ui.ts';

/** The chapter's language from its path (content/<lang>/<slug>.mdx); English otherwise. */
export function langOfFile(file: VFile | undefined): Lang {
  const dir = file?.path?.split(/[\\/]/).at(-2);
  return isLang(dir) ? dir : 'en';
}

/**
 * A section permalink at the end of every h2 and h3 that has an id: a link named for screen
 * readers, whose "#" is drawn by CSS (ChapterLayout), on hover and on focus, so that the
 * heading's text (the table of contents, the search index) stays the heading's.
 */
export function rehypeHeadingAnchors() {
  return (tree: Root, file?: VFile) => {
    const label = t(langOfFile(file)).sectionLink;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'h2' && node.tagName !== 'h3') return;
      const id = node.properties?.['id'];
      if (typeof id !== 'string' || !id) return;
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['anchor'], href: `#${id}`, ariaLabel: label, dataPagefindIgnore: '' },
        children: [],
      });
    });
  };
}
