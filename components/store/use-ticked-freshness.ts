'use client';

import { useNow } from '@/components/format/use-now';
import { pickFreshness, type StreamFreshness } from './data-age';

/**
 * A stream store's freshness as of the clock's last tick, and that tick's time. Read when the clock
 * ticks, not subscribed to: an age on screen re-renders once per `intervalMs`, not with each of the
 * stream's messages (five a second), which change its figures by milliseconds nobody reads.
 */
export function useTickedFreshness(
  store: { getState(): StreamFreshness },
  intervalMs = 1000,
): { now: number; freshness: StreamFreshness } {
  const now = useNow(intervalMs);
  return { now, freshness: pickFreshness(store.getState()) };
}
