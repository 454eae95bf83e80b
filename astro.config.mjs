// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkHeadingIds } from './src/markdown/remark-heading-ids.ts';
import { remarkEquationNumbers } from './src/markdown/remark-equation-numbers.ts';
import { rehypeFocusableScrollers } from './src/markdown/rehype-focusable-scrollers.ts';
import { rehypeHeadingAnchors } from './src/markdown/rehype-heading-anchors.ts';
import { rehypeMathPunctuation } from './src/markdown/rehype-math-punctuation.ts';
import { rehypeGlossaryLinks } from './src/markdown/rehype-glossary-links.ts';
import { readGlossary } from './src/lib/glossary-source.ts';
import { locales, defaultLocale } from './src/i18n/locales.ts';
import { CODE_THEMES } from './src/markdown/code-themes.ts';

// SITE and BASE_PATH let the same build run at a domain root or under a sub-path
// (GitHub Pages project sites); OUT_DIR lets tests build both side by side.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site: process.env.SITE ?? 'http://127.0.0.1:4321',
  base,
  outDir: process.env.OUT_DIR ?? './dist',
  // A content collection built over another folder (the schema and new-chapter tests set CONTENT_DIR)
  // keeps its own cache: the shared one would keep that folder's file paths for the site's build.
  ...(process.env.CONTENT_DIR ? { cacheDir: `${process.env.CONTENT_DIR}/.astro-cache` } : {}),
  trailingSlash: 'always',
  build: { format: 'directory' },
  i18n: {
    defaultLocale,
    locales: locales.map((l) => ({ path: l.path, codes: [...l.codes] })),
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkHeadingIds, remarkMath, remarkEquationNumbers],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', throwOnError: false, strict: false }], rehypeMathPunctuation, rehypeFocusableScrollers, rehypeHeadingAnchors,
        // content/glossary.yaml, read once per build (the dev server reads it again on restart).
        [rehypeGlossaryLinks, { entries: readGlossary() }]],
    }),
    shikiConfig: { themes: CODE_THEMES, defaultColor: false },
  },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  vite: {
    worker: { format: 'es' },
  },
});
