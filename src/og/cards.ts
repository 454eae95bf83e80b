/** What each page's preview card says, and the image's alt text: one place for the endpoints and the layouts. */
import { localeOf, type Lang } from '../i18n/locales';
import { format, t, ui } from '../i18n/ui';
import type { CardText } from './card';

const site = `${ui.en.siteName} · ${ui.zh.siteName}`;

export function homeCard(lang: Lang): CardText {
  const s = t(lang);
  return { lang, site, language: localeOf(lang).name, title: s.siteName, description: s.siteTagline };
}

export function chapterCard(lang: Lang, chapter: { order: number; title: string; description: string }): CardText {
  const kicker = format(t(lang).chapterNumber, { n: chapter.order });
  return { lang, site, language: localeOf(lang).name, kicker, title: chapter.title, description: chapter.description };
}

/** The image's alt text: what it says, less the description a chapter page has beside it anyway. */
export function cardAlt(card: CardText): string {
  return card.kicker ? `${card.kicker} · ${card.title} — ${card.site}` : `${card.site} — ${card.description}`;
}
