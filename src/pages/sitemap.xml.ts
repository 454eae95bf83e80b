/**
 * sitemap.xml: every page of both languages (the home pages, the chapters, the glossary and the doctor), each with its
 * other-language twin as an hreflang alternate, at absolute URLs of the build's `site`.
 */
import type { APIRoute } from 'astro';
import { chaptersOf, chapterUrl, doctorUrl, glossaryUrl, homeUrl } from '../lib/chapters';
import { langs, localeOf, otherLang, type Lang } from '../i18n/locales';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const GET: APIRoute = async ({ site }) => {
  const abs = (path: string) => escape(new URL(path, site).href);
  const entries: { loc: string; twin: string; lang: Lang; lastmod?: string }[] = [];
  for (const lang of langs) {
    entries.push({ loc: homeUrl(lang), twin: homeUrl(otherLang(lang)), lang });
    for (const c of await chaptersOf(lang)) {
      entries.push({ loc: chapterUrl(lang, c.slug), twin: chapterUrl(otherLang(lang), c.slug), lang, lastmod: c.data.updated.toISOString().slice(0, 10) });
    }
    entries.push({ loc: glossaryUrl(lang), twin: glossaryUrl(otherLang(lang)), lang });
    entries.push({ loc: doctorUrl(lang), twin: doctorUrl(otherLang(lang)), lang });
  }
  const url = (e: (typeof entries)[number]) => [
    '  <url>',
    `    <loc>${abs(e.loc)}</loc>`,
    ...(e.lastmod ? [`    <lastmod>${e.lastmod}</lastmod>`] : []),
    `    <xhtml:link rel="alternate" hreflang="${localeOf(e.lang).htmlLang}" href="${abs(e.loc)}"/>`,
    `    <xhtml:link rel="alternate" hreflang="${localeOf(otherLang(e.lang)).htmlLang}" href="${abs(e.twin)}"/>`,
    '  </url>',
  ].join('\n');
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries.map(url),
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
