import { isLang, defaultLocale, type Lang } from '../i18n/locales';

/** The language of the page being rendered, for components placed inside MDX. */
export function pageLang(astro: { params: Record<string, string | undefined>; currentLocale?: string | undefined }): Lang {
  const fromParams = astro.params['lang'];
  if (isLang(fromParams)) return fromParams;
  const fromLocale = astro.currentLocale?.slice(0, 2);
  return isLang(fromLocale) ? fromLocale : defaultLocale;
}
