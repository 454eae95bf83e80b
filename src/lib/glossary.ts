import { getCollection } from 'astro:content';
import { chaptersOf, type Chapter } from './chapters';
import type { GlossaryEntry } from './glossary-schema';
import { localeOf, type Lang } from '../i18n/locales';

export interface GlossaryGroup {
  chapter: Chapter;
  entries: GlossaryEntry[];
}

/**
 * The glossary as the page shows it: grouped by the chapter that explains each term, in reading
 * order (a learner meets them in that order), and within a chapter sorted by the language's
 * collation (pinyin for Chinese).
 */
export async function glossaryGroups(lang: Lang): Promise<GlossaryGroup[]> {
  const entries = (await getCollection('glossary')).map((e) => e.data);
  const collator = new Intl.Collator(localeOf(lang).htmlLang);
  return (await chaptersOf(lang))
    .map((chapter) => ({
      chapter,
      entries: entries.filter((e) => e.chapter === chapter.slug).sort((a, b) => collator.compare(a[lang], b[lang])),
    }))
    .filter((g) => g.entries.length > 0);
}

/** The heading id of a chapter's group: prefixed, since entry ids and chapter slugs overlap ("lstm"). */
export const groupId = (slug: string) => `chapter-${slug}`;
