/** The link-preview image of each language's home page, and of its pages without one of their own: /og/<lang>.png. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { langs, type Lang } from '../../i18n/locales';
import { homeCard } from '../../og/cards';
import { cardResponse } from '../../og/render';

export const getStaticPaths = (() => langs.map((lang) => ({ params: { lang } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => cardResponse(homeCard(params['lang'] as Lang));
