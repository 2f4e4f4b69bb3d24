'use client';

import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { TrendChartLoader } from '@/components/charts/trend-chart-loader';
import { KpiTiles } from '@/components/panels/kpi-tiles';
import { VenueBoard } from '@/components/panels/venue-board';
import { useSituation } from '@/components/store/situation-provider';

/**
 * The city level beside the map: one glance for the whole Games, read from across the room.
 * Each panel is placed by name (kpis, trend, alerts, venues) in the shell's grid, so a
 * screen of a multi-screen wall shows the ones its configuration gives it.
 */
export function CityPanels() {
  const alerts = useSituation((s) => s.alerts);
  return (
    <div className="level-city">
      <KpiTiles />
      <section className="panel trend" aria-label="Last hour">
        <h2 className="panel-title">Last hour</h2>
        <TrendChartLoader />
      </section>
      <AlertListPanel alerts={alerts} />
      <VenueBoard />
    </div>
  );
}
