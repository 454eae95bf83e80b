import type { Lang } from '../i18n/locales';

/** The embed page of a widget, under the site's base: /<base>/<lang>/embed/<widget>/ (pages/[lang]/embed/[widget].astro). */
export function embedPath(lang: Lang, widget: string): string {
  return `${import.meta.env.BASE_URL}${lang}/embed/${widget}/`;
}
