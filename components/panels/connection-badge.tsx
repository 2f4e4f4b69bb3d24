'use client';

import { dataAgeMs, type StreamFreshness } from '@/components/store/data-age';
import { useSituation, useSituationStore } from '@/components/store/situation-provider';
import { useTickedFreshness } from '@/components/store/use-ticked-freshness';
import type { ConnectionPhase } from '@/components/store/connection-slice';
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
  /** The stream's store: its freshness is read twice a second, not on every message. */
  store: { getState(): StreamFreshness };
}

/** Live / reconnecting / stale, with the age of the data on screen. */
export function ConnectionState({ phase, store }: ConnectionStateProps) {
  const { now, freshness } = useTickedFreshness(store, 500);
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
  return <ConnectionState phase={phase} store={useSituationStore()} />;
}
