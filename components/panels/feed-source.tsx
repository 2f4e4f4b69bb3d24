'use client';

import { useSituation } from '@/components/store/situation-provider';

/** Says where the data comes from; the simulator announces itself as simulated, and the wall says so. */
export function FeedSource() {
  const simulated = useSituation((s) => s.kpis?.simulated ?? false);
  const publishers = useSituation((s) => s.kpis?.publishersOnline ?? 0);
  return (
    <p className={`feed-source ${simulated ? 'is-simulated' : ''}`}>
      {simulated ? 'Simulated feed (telemetry-sim)' : `${publishers} publisher${publishers === 1 ? '' : 's'} online`}
    </p>
  );
}
