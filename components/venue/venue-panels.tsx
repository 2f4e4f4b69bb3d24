'use client';

import { IntentLink } from '@/components/shell/intent-link';
import { memo } from 'react';
import { crowdMeasure, density } from '@/lib/contracts/level-of-service';
import type { ZoneLive } from '@/lib/contracts/stream';
import { Age } from '@/components/format/age';
import { zoneHref } from '@/components/shell/level';
import { useVenue, useVenueStore } from '@/components/store/venue-provider';
import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { AlarmCountTile } from '@/components/alerts/alarm-count-tile';
import { PanelAge, StreamAge } from '@/components/panels/panel-age';
import { FEED_STALE_MS } from '@/lib/contracts/stream';
import { IncidentList } from './incident-list';
import { PeopleInsideTile, VenueStatusTile } from './venue-tiles';
import { SensorGroups } from './sensor-list';
import { VenueGate } from './venue-gate';
import { CrowdBadge, crowdLabel, fillsInText, flowText } from './zone-figures';
import { localName, otherName } from '@/lib/i18n/locales';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';

function Summary() {
  const summary = useVenue((s) => s.summary);
  const live = useVenue((s) => s.live);
  const alerts = useVenue((s) => s.alerts);
  const alertsLoaded = useVenue((s) => s.alertsLoaded);
  const t = useT();
  if (!summary || !live) return null;
  return (
    <div className="kpis venue-kpis">
      <PeopleInsideTile occupancy={live.occupancy} capacity={summary.capacity} />
      <VenueStatusTile
        worst={live.worst}
        sub={t('venue.sensorCounts', {
          critical: live.sensorsCritical,
          warning: live.sensorsWarning,
          offline: live.sensorsOffline,
        })}
      />
      <AlarmCountTile alerts={alerts} loaded={alertsLoaded === true} />
    </div>
  );
}

const ZoneRow = memo(function ZoneRow({ venueId, zone }: { venueId: string; zone: ZoneLive }) {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const crowd = crowdMeasure(zone);
  const pct = zone.capacity > 0 ? Math.round((zone.occupancy / zone.capacity) * 100) : 0;
  const fills = fillsInText(zone, t, f);
  const name = localName(zone.name, locale);
  const other = otherName(zone.name, locale);
  // A gate is a flow point, not a room: people through it per minute, and those queuing at it.
  const gate = zone.kind === 'gate';
  const none = <span className="muted">—</span>;
  return (
    <tr aria-label={crowdLabel(name, zone, t)} className={gate ? 'zone-gate' : undefined}>
      <th scope="row">
        <IntentLink href={zoneHref(venueId, zone.id)} className="row-link">
          {name}{' '}
          <span className="muted zh" lang={other.lang}>
            {other.text}
          </span>
        </IntentLink>
      </th>
      <td className="num">
        {gate ? (
          t('zones.queue', { n: zone.occupancy })
        ) : (
          <>
            {f.int(zone.occupancy)} <span className="muted">/ {f.int(zone.capacity)}</span>
          </>
        )}
      </td>
      <td className="num col-pct">{gate ? none : f.percent(pct)}</td>
      <td className="num col-density">{f.num(density(zone.occupancy, zone.areaM2), 2)}</td>
      <td>
        <CrowdBadge zone={zone} m={crowd} t={t} />
      </td>
      <td className="num">{gate ? <strong>{flowText(zone, f)}</strong> : flowText(zone, f)}</td>
      <td className="num col-fills">{fills && !gate ? <span className="fills-soon">{fills}</span> : none}</td>
      <td className="num muted col-age">
        <Age since={zone.lastSeen} />
      </td>
    </tr>
  );
});

/** The newest of these server times: how old a panel's freshest row is. */
const newest = (xs: Iterable<{ lastSeen: number }>) => {
  let m = 0;
  for (const x of xs) if (x.lastSeen > m) m = x.lastSeen;
  return m;
};

/** The age of a venue panel's data against the server's clock, greyed past the feed's bound. */
function VenueAge({ at }: { at: number }) {
  const serverOffsetMs = useVenue((s) => s.serverOffsetMs);
  return <PanelAge at={at || null} serverOffsetMs={serverOffsetMs} boundMs={FEED_STALE_MS} />;
}

function Zones({ venueId }: { venueId: string }) {
  const zones = useVenue((s) => s.zones);
  const order = useVenue((s) => s.zoneOrder);
  const t = useT();
  return (
    <section className="panel zones-panel" aria-label={t('zones.title')}>
      <h2 className="panel-title">
        {t('zones.title')} <span className="panel-count">{order.length}</span>{' '}
        <VenueAge at={newest(Object.values(zones))} />
      </h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('zones.zone')}</th>
            <th scope="col" className="num">
              {t('zones.people')}
            </th>
            <th scope="col" className="num col-pct">
              {t('zones.full')}
            </th>
            <th scope="col" className="num col-density">
              p/m²
            </th>
            <th scope="col" title={t('zones.losHint')}>
              {t('zones.los')}
            </th>
            <th scope="col" className="num" title={t('zones.flowHint')}>
              {t('zones.flow')}
            </th>
            <th scope="col" className="num col-fills" title={t('zones.fullInHint')}>
              {t('zones.fullIn')}
            </th>
            <th scope="col" className="num col-age">
              {t('zones.age')}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.map((id) => {
            const z = zones[id];
            return z ? <ZoneRow key={id} venueId={venueId} zone={z} /> : null;
          })}
        </tbody>
      </table>
    </section>
  );
}

function Sensors({ venueId }: { venueId: string }) {
  const count = useVenue((s) => s.sensorOrder.length);
  const heardAt = useVenue((s) => newest(Object.values(s.sensors)));
  const t = useT();
  return (
    <section className="panel sensors-panel" aria-label={t('sensors.title')}>
      <h2 className="panel-title">
        {t('sensors.title')} <span className="panel-count">{count}</span> <VenueAge at={heardAt} />
      </h2>
      <SensorGroups venueId={venueId} />
    </section>
  );
}

/** The venue's alerts and who has them (the same rows as the wall's). */
function VenueAlerts() {
  const alerts = useVenue((s) => s.alerts);
  const loaded = useVenue((s) => s.alertsLoaded);
  const store = useVenueStore();
  return <AlertListPanel alerts={alerts} loaded={loaded} showVenue={false} age={<StreamAge store={store} />} />;
}

/** One venue in detail: zones with density and level of service, its alerts and incidents, every sensor; live. */
export function VenuePanels({ venueId, notYours }: { venueId: string; notYours?: string | undefined }) {
  const t = useT();
  return (
    <div className="level-detail">
      {notYours ? (
        <p className="page-notice" data-testid="not-your-venue">
          {t('venue.notYours', { id: notYours })}
        </p>
      ) : null}
      <VenueGate venueId={venueId}>
        <Summary />
        <Zones venueId={venueId} />
        <VenueAlerts />
        <IncidentList empty={t('incidents.noneVenue')} />
        <Sensors venueId={venueId} />
      </VenueGate>
    </div>
  );
}
