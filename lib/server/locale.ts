/**
 * The language of this request: `?lang=` (the proxy hands it on in a header and keeps it
 * in a cookie), else the cookie a language switch set, else the browser's Accept-Language.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import {
  DEFAULT_LOCALE,
  fromAcceptLanguage,
  isLocale,
  localeInfo,
  LOCALE_COOKIE,
  type Locale,
} from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { translator, type Messages, type Translate } from '@/lib/i18n/translate';

/** Set by the proxy from `?lang=` for the request it came with. */
export const LOCALE_HEADER = 'x-vcc-lang';

export async function requestLocale(): Promise<Locale> {
  const h = await headers();
  const fromUrl = h.get(LOCALE_HEADER);
  if (isLocale(fromUrl)) return fromUrl;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return fromAcceptLanguage(h.get('accept-language')) ?? DEFAULT_LOCALE;
}

export async function requestMessages(): Promise<{ locale: Locale; messages: Messages; t: Translate }> {
  const locale = await requestLocale();
  const messages = MESSAGES[locale];
  return { locale, messages, t: translator(messages, localeInfo(locale).intl) };
}
