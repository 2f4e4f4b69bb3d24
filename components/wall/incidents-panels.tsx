'use client';

import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { KpiTiles } from '@/components/panels/kpi-tiles';
import { useSituation } from '@/components/store/situation-provider';

/** The incidents view: every alert of the Games at a size the room can read, beside the map. */
export function IncidentsPanels() {
  const alerts = useSituation((s) => s.alerts);
  return (
    <div className="level-city">
      <KpiTiles />
      <AlertListPanel alerts={alerts} maxRows={40} />
    </div>
  );
}
