'use client';

import { useCallback } from 'react';
import { crowdMeasure, density } from '@/lib/contracts/level-of-service';
import type { IncidentView } from '@/lib/contracts/stream';
import { HistoryPanel } from '@/components/charts/history-panel';
import { Age } from '@/components/format/age';
import { useVenue } from '@/components/store/venue-provider';
import type { VenueState } from '@/components/store/venue-store';
import { IncidentList } from './incident-list';
import { SensorGroups } from './sensor-list';
import { NotInVenue, VenueGate } from './venue-gate';
import { CrowdBadge, fillsInText, flowText } from './zone-figures';
import { localName } from '@/lib/i18n/locales';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';

const ZONE_HISTORY_TITLES = {
  hour: 'zone.historyTitle',
  day: 'zone.historyTitleDay',
  games: 'zone.historyTitleGames',
} as const;
/** A gate is a flow point: what its history plots is the queue in front of it, not people inside. */
const GATE_HISTORY_TITLES = {
  hour: 'zone.gateHistoryTitle',
  day: 'zone.gateHistoryTitleDay',
  games: 'zone.gateHistoryTitleGames',
} as const;

function ZoneFigures({ zoneId }: { zoneId: string }) {
  const zone = useVenue((s) => s.zones[zoneId]);
  const t = useT();
  const f = useFormat();
  if (!zone) return null;
  const crowd = crowdMeasure(zone);
  const pct = zone.capacity > 0 ? Math.round((zone.occupancy / zone.capacity) * 100) : 0;
  const fills = fillsInText(zone, t, f);
  // A gate is a flow point: who is queuing at it, and how many pass it a minute (below), not a room's fill.
  const gate = zone.kind === 'gate';
  return (
    <div className="kpis venue-kpis zone-kpis">
      <section className="kpi" aria-label={t(gate ? 'zone.queueAtGate' : 'zone.peopleIn')}>
        <h2 className="kpi-label">{t(gate ? 'zone.queueAtGate' : 'zone.people')}</h2>
        <p className="kpi-value" data-testid="zone-occupancy">
          {f.int(zone.occupancy)}
        </p>
        <p className="kpi-sub">
          {gate
            ? t('zone.queueRoom', { n: zone.capacity })
            : `${t('kpi.ofTotal', { n: f.int(zone.capacity) })} · ${f.percent(pct)}`}{' '}
          · <Age since={zone.lastSeen} />
        </p>
      </section>
      <section className="kpi" aria-label={crowd.measure === 'walkway' ? t('legend.los') : t('zone.shareOfCapacity')}>
        <h2 className="kpi-label">{crowd.measure === 'walkway' ? t('legend.los') : t('zone.shareOfCapacity')}</h2>
        <p className="kpi-value">
          {crowd.measure === 'walkway' ? <CrowdBadge zone={zone} m={crowd} t={t} /> : f.percent(crowd.percent)}
        </p>
        <p className="kpi-sub">
          {t('zone.density', { d: f.num(density(zone.occupancy, zone.areaM2), 2), area: f.int(zone.areaM2) })}
        </p>
      </section>
      <section className="kpi" aria-label={t('zone.flowLabel')}>
        <h2 className="kpi-label">{t(gate ? 'zone.throughGate' : 'zone.flowTitle')}</h2>
        <p className="kpi-value">{flowText(zone, f)}</p>
        <p className="kpi-sub">
          {gate ? (
            t('zone.flowHintGate')
          ) : fills ? (
            <span className="fills-soon">{t('zone.fullIn', { time: fills })}</span>
          ) : (
            t('zone.notFilling')
          )}
        </p>
      </section>
    </div>
  );
}

/** One zone: its figures, its last hour of occupancy against capacity, its sensors and incidents. */
export function ZonePanels({ venueId, zoneId }: { venueId: string; zoneId: string }) {
  const exists = useVenue((s) => zoneId in s.zones);
  const t = useT();
  const locale = useLocale();
  const name = useVenue((s) => {
    const n = s.zones[zoneId]?.name;
    return n ? localName(n, locale) : zoneId;
  });
  const capacity = useVenue((s) => s.zones[zoneId]?.capacity);
  const gate = useVenue((s) => s.zones[zoneId]?.kind === 'gate');
  const live = useCallback(
    (s: VenueState) => {
      const z = s.zones[zoneId];
      return z && z.lastSeen ? ([z.lastSeen, z.occupancy] as const) : null;
    },
    [zoneId],
  );
  const inZone = useCallback((i: IncidentView) => i.zoneId === zoneId, [zoneId]);
  return (
    <div className="level-detail">
      <VenueGate venueId={venueId}>
        {exists ? (
          <>
            <ZoneFigures zoneId={zoneId} />
            <HistoryPanel
              url={`/api/venues/${encodeURIComponent(venueId)}/zones/${encodeURIComponent(zoneId)}/history`}
              titles={gate ? GATE_HISTORY_TITLES : ZONE_HISTORY_TITLES}
              label={t(gate ? 'zone.gateHistoryLabel' : 'zone.historyLabel', { what: name })}
              unit={t('zone.peopleUnit')}
              live={live}
              limit={
                capacity !== undefined
                  ? { value: capacity, label: t(gate ? 'zone.queueRoomLimit' : 'zone.capacity') }
                  : undefined
              }
            />
            <IncidentList where={inZone} empty={t('incidents.noneZone')} />
            <section className="panel sensors-panel" aria-label={t('sensors.title')}>
              <h2 className="panel-title">{t('sensors.inZone', { zone: name })}</h2>
              <SensorGroups venueId={venueId} zoneId={zoneId} />
            </section>
          </>
        ) : (
          <NotInVenue what="zone" id={zoneId} venueId={venueId} />
        )}
      </VenueGate>
    </div>
  );
}
