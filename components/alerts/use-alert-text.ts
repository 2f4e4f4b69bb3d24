'use client';

import { useCallback } from 'react';
import type { AlertView } from '@/lib/contracts/alerts';
import { alertText } from '@/lib/i18n/alert-text';
import { localeInfo } from '@/lib/i18n/locales';
import { useLocale, useT } from '@/components/i18n/i18n-provider';

/** An alert's words in the page's language (lib/i18n/alert-text.ts). */
export function useAlertText(): (a: Pick<AlertView, 'title' | 'message'>) => string {
  const t = useT();
  const locale = useLocale();
  return useCallback((a) => alertText(t, locale, localeInfo(locale).intl, a), [t, locale]);
}
