/**
 * The shape of one term of content/glossary.yaml, declared once: the content collection
 * (src/content.config.ts), the chapters' term links (astro.config.mjs) and the terms check
 * (tests/content/glossary.test.ts) all validate with it.
 */
import { z } from 'astro/zod';

const text = z.string().trim().min(1, { error: 'must not be empty' });
const words = z.array(text).default([]);
/** Both languages, each required: a term without its zh (or en) form is an error. */
const bothLangs = <T extends z.ZodType>(value: T) => z.strictObject({ en: value, zh: value });

export function glossaryEntrySchema(chapterSlugs: readonly string[]) {
  return z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case words joined by "-" (it is the entry’s anchor)' }),
    en: text,
    zh: text,
    /** Other names readers may meet or search for; shown on the glossary page. */
    aliases: bothLangs(words).default({ en: [], zh: [] }),
    /** Variants the chapters of that language must not use (see src/lib/glossary-check.ts). */
    disallowed: bothLangs(words).default({ en: [], zh: [] }),
    definition: bothLangs(text),
    chapter: z.string().refine((slug) => chapterSlugs.includes(slug), {
      error: (issue) => `unknown chapter "${String(issue.input)}" (chapters: ${chapterSlugs.join(', ')})`,
    }),
    /** false: a word too common to link at its first use in every chapter (it stays in the glossary). */
    link: z.boolean().default(true),
  });
}

export type GlossaryEntry = z.output<ReturnType<typeof glossaryEntrySchema>>;
