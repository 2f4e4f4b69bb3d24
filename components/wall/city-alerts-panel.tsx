'use client';

import { STREAM_HEARTBEAT_MS } from '@/lib/contracts/stream';
import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { PanelAge } from '@/components/panels/panel-age';
import { useSituation } from '@/components/store/situation-provider';

/** Alerts come from the database through the stream: they are as fresh as its last message. */
const ALERTS_FRESH_MS = STREAM_HEARTBEAT_MS * 5;

/** Every venue's alerts, with the age of the stream they came by. */
export function CityAlertsPanel({ maxRows }: { maxRows?: number }) {
  const alerts = useSituation((s) => s.alerts);
  const lastMessageAt = useSituation((s) => s.lastMessageAt);
  const serverOffsetMs = useSituation((s) => s.serverOffsetMs);
  return (
    <AlertListPanel
      alerts={alerts}
      maxRows={maxRows}
      age={
        <PanelAge
          at={lastMessageAt ? lastMessageAt + serverOffsetMs : null}
          serverOffsetMs={serverOffsetMs}
          boundMs={ALERTS_FRESH_MS}
        />
      }
    />
  );
}
