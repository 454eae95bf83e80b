import { getCollection, type CollectionEntry } from 'astro:content';
import { getRelativeLocaleUrl } from 'astro:i18n';
import type { Lang } from '../i18n/locales';

export type Chapter = CollectionEntry<'chapters'> & { lang: Lang; slug: string };

/** `en/overview` → { lang: 'en', slug: 'overview' }; the folder is the language. */
function withLangAndSlug(entry: CollectionEntry<'chapters'>): Chapter {
  const [lang, slug] = entry.id.split('/') as [Lang, string];
  return { ...entry, lang, slug };
}

/** All chapters of one language, in reading order. */
export async function chaptersOf(lang: Lang): Promise<Chapter[]> {
  const all = await getCollection('chapters');
  return all
    .map(withLangAndSlug)
    .filter((c) => c.lang === lang)
    .sort((a, b) => a.data.order - b.data.order);
}

export function chapterUrl(lang: Lang, slug: string, hash = ''): string {
  return getRelativeLocaleUrl(lang, `${slug}/`) + hash;
}

export function homeUrl(lang: Lang): string {
  return getRelativeLocaleUrl(lang, '');
}

/** A page's link-preview image (src/pages/og/): the chapter's, or with no slug the language's home card. */
export function previewImageUrl(lang: Lang, slug?: string): string {
  return `${import.meta.env.BASE_URL}og/${lang}${slug ? `/${slug}` : ''}.png`;
}

/** Where the chapter's source lives, for the "edit this page" link. */
export function editUrl(lang: Lang, slug: string): string {
  const repo = (import.meta.env.PUBLIC_REPO_URL as string | undefined) ?? 'https://github.com/gradient-clinic/gradient-clinic';
  const branch = (import.meta.env.PUBLIC_REPO_BRANCH as string | undefined) ?? 'main';
  return `${repo.replace(/\/$/, '')}/edit/${branch}/content/${lang}/${slug}.mdx`;
}

export function glossaryUrl(lang: Lang, hash = ''): string {
  return getRelativeLocaleUrl(lang, 'glossary/') + hash;
}

export function doctorUrl(lang: Lang): string {
  return getRelativeLocaleUrl(lang, 'doctor/');
}
