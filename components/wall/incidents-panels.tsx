'use client';

import { KpiTiles } from '@/components/panels/kpi-tiles';
import { CityAlertsPanel } from './city-alerts-panel';

/** The incidents view: every alert of the Games at a size the room can read, beside the map. */
export function IncidentsPanels() {
  return (
    <div className="level-city">
      <KpiTiles />
      <CityAlertsPanel maxRows={40} />
    </div>
  );
}
