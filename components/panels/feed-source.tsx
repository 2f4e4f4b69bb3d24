'use client';

import type { Kpis } from '@/lib/contracts/stream';
import { useSituation } from '@/components/store/situation-provider';
import { useVenue } from '@/components/store/venue-provider';
import { useT } from '@/components/i18n/i18n-provider';

/** Says where the data comes from; the simulator announces itself as simulated, and every level says so. */
function FeedSourceLine({ kpis, prefix }: { kpis: Kpis | null; prefix?: string | undefined }) {
  const t = useT();
  const simulated = kpis?.simulated ?? false;
  const publishers = kpis?.publishersOnline ?? 0;
  const source = simulated ? t('feed.simulated') : t('feed.publishers', { n: publishers });
  return (
    <p className={`feed-source ${simulated ? 'is-simulated' : ''}`}>
      {prefix ? <span className="feed-prefix">{prefix} · </span> : null}
      {source}
    </p>
  );
}

export function FeedSource() {
  return <FeedSourceLine kpis={useSituation((s) => s.kpis)} />;
}

/** The venue levels' line: the venue's sports, then the source. */
export function VenueFeedSource({ prefix }: { prefix?: string | undefined }) {
  return <FeedSourceLine kpis={useVenue((s) => s.kpis)} prefix={prefix} />;
}
