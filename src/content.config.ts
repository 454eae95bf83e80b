import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { isWidgetId, WIDGET_IDS } from './widgets/registry';

const reference = z.strictObject({
  authors: z.array(z.string().min(1)).min(1),
  year: z.number().int().min(1900).max(2100),
  title: z.string().min(1),
  venue: z.string().min(1).optional(),
  url: z.url().optional(),
});

/** One entry per `content/<lang>/<slug>.mdx`; the id is `<lang>/<slug>`. */
const chapters = defineCollection({
  // CONTENT_DIR exists for the schema test, which builds a deliberately broken chapter.
  loader: glob({ pattern: '{en,zh}/*.mdx', base: process.env.CONTENT_DIR ?? './content' }),
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

export const collections = { chapters };
