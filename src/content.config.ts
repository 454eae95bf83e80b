import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { isWidgetId, WIDGET_IDS } from './widgets/registry';
import { glossaryEntrySchema } from './lib/glossary-schema';
import { chapterSlugsIn, glossaryFile } from './lib/glossary-source';

const reference = z.strictObject({
  authors: z.array(z.string().min(1)).min(1),
  year: z.number().int().min(1900).max(2100),
  title: z.string().min(1),
  venue: z.string().min(1).optional(),
  url: z.url().optional(),
});

// CONTENT_DIR exists for the schema test, which builds a deliberately broken chapter.
const contentDir = process.env.CONTENT_DIR ?? './content';

/** One entry per `content/<lang>/<slug>.mdx`; the id is `<lang>/<slug>`. */
const chapters = defineCollection({
  loader: glob({ pattern: '{en,zh}/*.mdx', base: contentDir }),
  schema: z.strictObject({
    title: z.string().min(1),
    description: z.string().min(20).max(300),
    order: z.number().int().positive(),
    // Only widgets that exist: an id registered in src/widgets/registry.ts.
    widgets: z
      .array(z.string().refine(isWidgetId, { error: (issue) => `unknown widget "${String(issue.input)}" (registered: ${WIDGET_IDS.join(', ')})` }))
      .default([]),
    references: z.array(reference).default([]),
    updated: z.coerce.date(),
  }),
});

/** One entry per term of content/glossary.yaml (the id is the entry's anchor on the glossary page). */
const glossary = defineCollection({
  loader: file(glossaryFile(contentDir)),
  schema: glossaryEntrySchema(chapterSlugsIn(contentDir)),
});

export const collections = { chapters, glossary };
