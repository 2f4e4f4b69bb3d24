'use client';

import { localName } from '@/lib/i18n/locales';
import { useLocale } from '@/components/i18n/i18n-provider';
import { useOptionalSituation } from './situation-provider';

/**
 * A venue's name in the page's language, from the registry the city stream brought; where
 * there is none (the phone's alerts page), the English name the alert carries.
 */
export function useVenueName(venueId: string | null, fallback: string | null): string | null {
  const locale = useLocale();
  const name = useOptionalSituation((s) => (venueId ? s.venues[venueId]?.name : undefined));
  return name ? localName(name, locale) : fallback;
}
