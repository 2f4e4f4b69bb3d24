'use client';

import { useSituation } from '@/components/store/situation-provider';
import { useVenue } from '@/components/store/venue-provider';
import { useT } from '@/components/i18n/i18n-provider';

/** Says where the data comes from; the simulator announces itself as simulated, and every level says so. */
function FeedSourceLine({
  simulated,
  publishers,
  prefix,
}: {
  simulated: boolean;
  publishers: number;
  prefix?: string | undefined;
}) {
  const t = useT();
  const source = simulated ? t('feed.simulated') : t('feed.publishers', { n: publishers });
  return (
    <p className={`feed-source ${simulated ? 'is-simulated' : ''}`}>
      {prefix ? <span className="feed-prefix">{prefix} · </span> : null}
      {source}
    </p>
  );
}

// The two figures it shows are selected, not the feed's state (new with every message).
export function FeedSource() {
  const simulated = useSituation((s) => s.feed?.simulated ?? false);
  const publishers = useSituation((s) => s.feed?.publishersOnline ?? 0);
  return <FeedSourceLine simulated={simulated} publishers={publishers} />;
}

/** The venue levels' line: the venue's sports, then the source. */
export function VenueFeedSource({ prefix }: { prefix?: string | undefined }) {
  const simulated = useVenue((s) => s.feed?.simulated ?? false);
  const publishers = useVenue((s) => s.feed?.publishersOnline ?? 0);
  return <FeedSourceLine simulated={simulated} publishers={publishers} prefix={prefix} />;
}
