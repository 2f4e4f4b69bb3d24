/**
 * The languages of the interface. Adding one is a file in lib/i18n/messages (every key of
 * en.json; a test says which are missing), a line here, and the host cities' names in city-names.ts.
 * Venue and zone names come from the registry in English and Chinese: Chinese for `zh`, English for
 * the rest.
 */
export const LOCALES = [
  { code: 'en', name: 'English', dir: 'ltr', intl: 'en-GB' },
  { code: 'zh', name: '简体中文', dir: 'ltr', intl: 'zh-CN' },
  { code: 'ja', name: '日本語', dir: 'ltr', intl: 'ja-JP' },
  { code: 'ko', name: '한국어', dir: 'ltr', intl: 'ko-KR' },
  { code: 'th', name: 'ไทย', dir: 'ltr', intl: 'th-TH' },
  { code: 'ar', name: 'العربية', dir: 'rtl', intl: 'ar' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];
export type LocaleInfo = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Where the choice is kept (a preference, not a secret: readable by the page). */
export const LOCALE_COOKIE = 'vcc_lang';
/** The URL form, for walls: `?lang=zh`. */
export const LOCALE_PARAM = 'lang';

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && LOCALES.some((l) => l.code === x);
}

export function localeInfo(locale: Locale): LocaleInfo {
  return LOCALES.find((l) => l.code === locale)!;
}

/** The first supported language of an Accept-Language header, or null. */
export function fromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  return wanted.map((w) => w.lang).find(isLocale) ?? null;
}

/** A name from the registry in this language: Chinese for zh, English otherwise. */
export function localName(name: { en: string; zh: string }, locale: Locale): string {
  return locale === 'zh' ? name.zh : name.en;
}

/** The registry's other name, shown beside the first where there is room. */
export function otherName(name: { en: string; zh: string }, locale: Locale): { text: string; lang: string } {
  return locale === 'zh' ? { text: name.en, lang: 'en' } : { text: name.zh, lang: 'zh-CN' };
}
