/** The site's languages, declared once. `path` is the URL segment, `htmlLang` goes on <html>. */
export const locales = [
  { path: 'en', codes: ['en'], htmlLang: 'en', name: 'English' },
  { path: 'zh', codes: ['zh-CN', 'zh'], htmlLang: 'zh-CN', name: '简体中文' },
] as const;

export type Lang = (typeof locales)[number]['path'];
export const defaultLocale: Lang = 'en';
export const langs: readonly Lang[] = locales.map((l) => l.path);

export function isLang(value: string | undefined): value is Lang {
  return langs.includes(value as Lang);
}

export function localeOf(lang: Lang) {
  return locales.find((l) => l.path === lang)!;
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh' : 'en';
}
