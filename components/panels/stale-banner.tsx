'use client';

import { useState } from 'react';
import { useHydrated } from '@/components/format/use-now';
import { dataAgeMs, type StreamFreshness } from '@/components/store/data-age';
import { useSituation, useSituationStore } from '@/components/store/situation-provider';
import type { ConnectionPhase } from '@/components/store/connection-slice';
import { useTickedFreshness } from '@/components/store/use-ticked-freshness';
import { useVenue, useVenueStore } from '@/components/store/venue-provider';
import { useFormat, useT } from '@/components/i18n/i18n-provider';

/** A first connection slower than this is worth a banner; a page load is not. */
const SLOW_CONNECT_MS = 5000;

interface StaleBannerProps {
  phase: ConnectionPhase;
  /** Heartbeats missed and an attempt to connect again failed (ConnectionSlice.linkLost). */
  linkLost: boolean;
  store: { getState(): StreamFreshness };
}

/**
 * Across the top of the page when what it shows is not live: the stream to the server is
 * down (and since when the figures date), or the server hears nothing from the venues' feed.
 * Data still on screen is greyed meanwhile; the banner says why, in words.
 */
function StaleBanner({ phase, linkLost, store }: StaleBannerProps) {
  const { now, freshness } = useTickedFreshness(store);
  const t = useT();
  const f = useFormat();
  const [shownAt] = useState(Date.now);
  // Nothing to say before the browser has even tried the stream (and the server's render cannot know).
  const hydrated = useHydrated();
  if (phase === 'live' || !hydrated) return null;
  if (phase === 'connecting' && now - shownAt < SLOW_CONNECT_MS) return null;
  // Between a missed heartbeat and a failed attempt to connect again the badge says "reconnecting" and
  // the figures grey; "lost" is said only once it is so.
  if (phase === 'reconnecting' && !linkLost) return null;
  const { lastMessageAt } = freshness;
  const text =
    phase === 'stale'
      ? t('stale.feed', { age: f.age(dataAgeMs(freshness, now)) })
      : lastMessageAt > 0
        ? t('stale.stream', { time: f.clock(lastMessageAt), age: f.age(now - lastMessageAt) })
        : t('stale.unreachable');
  return (
    <p className={`stale-banner stale-${phase}`} role="alert" aria-label={t('stale.label')}>
      {text}
    </p>
  );
}

export function CityStaleBanner() {
  const phase = useSituation((s) => s.phase);
  const linkLost = useSituation((s) => s.linkLost);
  return <StaleBanner phase={phase} linkLost={linkLost} store={useSituationStore()} />;
}

export function VenueStaleBanner() {
  const phase = useVenue((s) => s.phase);
  const linkLost = useVenue((s) => s.linkLost);
  return <StaleBanner phase={phase} linkLost={linkLost} store={useVenueStore()} />;
}
