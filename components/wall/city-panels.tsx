'use client';

import { TrendChart } from '@/components/charts/trend-chart';
import { KpiTiles } from '@/components/panels/kpi-tiles';
import { PanelAge } from '@/components/panels/panel-age';
import { VenueAttention } from '@/components/panels/venue-attention';
import { VenueBoard } from '@/components/panels/venue-board';
import { useSituationStore } from '@/components/store/situation-provider';
import { useTickedFreshness } from '@/components/store/use-ticked-freshness';
import { CityAlertsPanel } from './city-alerts-panel';
import { useT } from '@/components/i18n/i18n-provider';

/**
 * The city level beside the map: one glance for the whole Games, read from across the room.
 * Each panel is placed by name (kpis, trend, alerts, venues) in the shell's grid, so a
 * screen of a multi-screen wall shows the ones its configuration gives it.
 */
/** The trend moves in 10 s buckets: older than two of them, it is behind. */
const TREND_FRESH_MS = 20_000;

/** The server extends the trend on its own clock; what it plots is as old as the feed. Ticks alone. */
function TrendAge() {
  const { freshness: s } = useTickedFreshness(useSituationStore());
  const feedAt = s.feedAgeAtMessage === null || s.lastServerAt === 0 ? null : s.lastServerAt - s.feedAgeAtMessage;
  return <PanelAge at={feedAt} serverOffsetMs={s.serverOffsetMs} boundMs={TREND_FRESH_MS} />;
}

export function CityPanels() {
  const t = useT();
  return (
    <div className="level-city">
      <KpiTiles />
      <section className="panel trend" aria-label={t('trend.title')}>
        <h2 className="panel-title">
          {t('trend.title')} <TrendAge />
        </h2>
        <TrendChart />
      </section>
      <CityAlertsPanel />
      <VenueAttention />
      <VenueBoard />
    </div>
  );
}
