'use client';

import { formatAge } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { useSituation } from '@/components/store/situation-provider';
import type { ConnectionPhase } from '@/components/store/situation-store';

const LABEL: Record<ConnectionPhase, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  stale: 'Stale',
};

/** Live / reconnecting / stale, with the age of the data on screen. */
export function ConnectionBadge() {
  const phase = useSituation((s) => s.phase);
  const lastMessageAt = useSituation((s) => s.lastMessageAt);
  const feedAge = useSituation((s) => s.feedAgeAtMessage);
  const now = useNow(500);
  const age = feedAge === null || lastMessageAt === 0 ? null : feedAge + (now - lastMessageAt);
  return (
    <div className={`connection connection-${phase}`} role="status" aria-live="polite" data-phase={phase}>
      <span className="connection-dot" aria-hidden />
      <span className="connection-label">{LABEL[phase]}</span>
      <span className="connection-age">data age {formatAge(age)}</span>
    </div>
  );
}
