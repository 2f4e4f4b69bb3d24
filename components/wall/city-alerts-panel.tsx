'use client';

import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { StreamAge } from '@/components/panels/panel-age';
import { useSituation } from '@/components/store/situation-provider';

/** Every venue's alerts, with the age of the stream they came by. */
export function CityAlertsPanel({ maxRows }: { maxRows?: number }) {
  const alerts = useSituation((s) => s.alerts);
  const lastServerAt = useSituation((s) => s.lastServerAt);
  const serverOffsetMs = useSituation((s) => s.serverOffsetMs);
  return (
    <AlertListPanel
      alerts={alerts}
      maxRows={maxRows}
      age={<StreamAge lastServerAt={lastServerAt} serverOffsetMs={serverOffsetMs} />}
    />
  );
}
