'use client';

import { TrendChartLoader } from '@/components/charts/trend-chart-loader';
import { CityMapLoader } from '@/components/map/city-map-loader';
import { ConnectionBadge } from '@/components/panels/connection-badge';
import { FeedSource } from '@/components/panels/feed-source';
import { IncidentTicker } from '@/components/panels/incident-ticker';
import { KpiTiles } from '@/components/panels/kpi-tiles';
import { ShanghaiClock } from '@/components/panels/shanghai-clock';
import { VenueBoard } from '@/components/panels/venue-board';
import { SituationProvider, useSituation } from '@/components/store/situation-provider';
import type { ReactNode } from 'react';

/** Carries the connection phase on the page, so everything fed by the stream can grey out together. */
function WallFrame({ children }: { children: ReactNode }) {
  const phase = useSituation((s) => s.phase);
  return (
    <div className="wall" data-phase={phase}>
      {children}
    </div>
  );
}

/** The city-level wall: read from across the room, one glance for the whole Games. */
export function CityWall({ basemapUrl }: { basemapUrl?: string | undefined }) {
  return (
    <SituationProvider>
      <WallFrame>
        <header className="wall-header">
          <div className="brand">
            <h1>
              Venue Command Center <span className="brand-sub">Hangzhou 2023 · 杭州亚运会</span>
            </h1>
            <FeedSource />
          </div>
          <ConnectionBadge />
          <ShanghaiClock />
        </header>
        <main className="wall-main">
          <section className="panel map-panel" aria-label="City map">
            <CityMapLoader basemapUrl={basemapUrl} />
            <ul className="legend" aria-label="Map legend">
              <li className="legend-ok">OK</li>
              <li className="legend-warning">Warning</li>
              <li className="legend-critical">Critical</li>
              <li className="legend-offline">Offline</li>
              <li className="legend-size">Size: people inside</li>
            </ul>
          </section>
          <div className="side">
            <KpiTiles />
            <section className="panel trend" aria-label="Last hour">
              <h2 className="panel-title">Last hour</h2>
              <TrendChartLoader />
            </section>
            <IncidentTicker />
          </div>
          <VenueBoard />
        </main>
      </WallFrame>
    </SituationProvider>
  );
}
