'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { localeInfo, type Locale } from '@/lib/i18n/locales';
import { translator, type Messages, type Translate } from '@/lib/i18n/translate';
import { formattersFor, type Formatters } from '@/components/format/format';

interface I18n {
  locale: Locale;
  t: Translate;
  format: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

/** The page's language: its messages (only this language's, from the server) and Intl formats. */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(() => {
    const t = translator(messages, localeInfo(locale).intl);
    return { locale, t, format: formattersFor(localeInfo(locale).intl, t) };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT must be used inside <I18nProvider>');
  return i18n;
}

export const useT = (): Translate => useI18n().t;
export const useLocale = (): Locale => useI18n().locale;
/** Numbers, dates and times in this language, in Games time (Asia/Shanghai). */
export const useFormat = (): Formatters => useI18n().format;
