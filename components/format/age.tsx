'use client';

import { useNow } from './use-now';
import { useFormat } from '@/components/i18n/i18n-provider';

/** "12 s" since `since` (ms), ticking by itself; `never` when 0. */
export function Age({ since, never = '—' }: { since: number; never?: string }) {
  const now = useNow(1000);
  const { age } = useFormat();
  return <>{since ? age(now - since) : never}</>;
}
