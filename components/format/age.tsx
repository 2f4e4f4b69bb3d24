'use client';

import { formatAge } from './format';
import { useNow } from './use-now';

/** "12 s" since `since` (ms), ticking by itself; `never` when 0. */
export function Age({ since, never = '—' }: { since: number; never?: string }) {
  const now = useNow(1000);
  return <>{since ? formatAge(now - since) : never}</>;
}
