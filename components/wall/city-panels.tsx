'use client';

import { TrendChartLoader } from '@/components/charts/trend-chart-loader';
import { IncidentTicker } from '@/components/panels/incident-ticker';
import { KpiTiles } from '@/components/panels/kpi-tiles';
import { VenueBoard } from '@/components/panels/venue-board';

/** The city level beside the map: one glance for the whole Games, read from across the room. */
export function CityPanels() {
  return (
    <div className="level-city">
      <div className="side">
        <KpiTiles />
        <section className="panel trend" aria-label="Last hour">
          <h2 className="panel-title">Last hour</h2>
          <TrendChartLoader />
        </section>
        <IncidentTicker />
      </div>
      <VenueBoard />
    </div>
  );
}
