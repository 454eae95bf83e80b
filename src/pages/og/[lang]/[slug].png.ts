/** The link-preview image of every chapter in both languages: /og/<lang>/<slug>.png (1200×630). */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { chaptersOf } from '../../../lib/chapters';
import { langs } from '../../../i18n/locales';
import { chapterCard } from '../../../og/cards';
import { cardResponse } from '../../../og/render';

export const getStaticPaths = (async () => {
  const paths = [];
  for (const lang of langs) {
    for (const { slug, data } of await chaptersOf(lang)) paths.push({ params: { lang, slug }, props: { card: chapterCard(lang, data) } });
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) => cardResponse(props.card);
