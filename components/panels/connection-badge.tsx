'use client';

import { useShallow } from 'zustand/react/shallow';
import { useNow } from '@/components/format/use-now';
import { dataAgeMs, pickFreshness, type StreamFreshness } from '@/components/store/data-age';
import { useSituation } from '@/components/store/situation-provider';
import type { ConnectionPhase } from '@/components/store/situation-store';
import type { MessageKey } from '@/lib/i18n/translate';
import { useFormat, useT } from '@/components/i18n/i18n-provider';

const LABEL: Record<ConnectionPhase, MessageKey> = {
  connecting: 'connection.connecting',
  live: 'connection.live',
  reconnecting: 'connection.reconnecting',
  stale: 'connection.stale',
};

export interface ConnectionStateProps {
  phase: ConnectionPhase;
  freshness: StreamFreshness;
}

/** Live / reconnecting / stale, with the age of the data on screen. */
export function ConnectionState({ phase, freshness }: ConnectionStateProps) {
  const now = useNow(500);
  const t = useT();
  const { age: formatAge } = useFormat();
  const age = dataAgeMs(freshness, now);
  return (
    <div className={`connection connection-${phase}`} role="status" aria-live="polite" data-phase={phase}>
      <span className="connection-dot" aria-hidden />
      <span className="connection-label">{t(LABEL[phase])}</span>
      <span className="connection-age">{t('connection.dataAge', { age: formatAge(age) })}</span>
    </div>
  );
}

/** The city wall's connection state. */
export function ConnectionBadge() {
  const phase = useSituation((s) => s.phase);
  const freshness = useSituation(useShallow(pickFreshness));
  return <ConnectionState phase={phase} freshness={freshness} />;
}
