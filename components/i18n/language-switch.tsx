'use client';

import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE, LOCALES, type Locale } from '@/lib/i18n/locales';
import { useLocale, useT } from './i18n-provider';

const YEAR_S = 365 * 24 * 3600;

/**
 * The interface's language, kept in a cookie so it persists on this device (a wall names its
 * own in its URL, `?lang=`). The server renders the page again in the new language.
 */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_S}; samesite=lax`;
    // A `?lang=` in the URL would win over the choice: drop it.
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      window.location.replace(url.toString().replace(/=(?=&|$)/g, ''));
    } else router.refresh();
  };
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(e) => choose(e.target.value as Locale)} aria-label={t('language.label')}>
        {LOCALES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
