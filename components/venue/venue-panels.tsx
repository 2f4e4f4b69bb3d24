'use client';

import Link from 'next/link';
import { memo } from 'react';
import { density, levelOfService } from '@/lib/contracts/level-of-service';
import type { ZoneLive } from '@/lib/contracts/stream';
import { Age } from '@/components/format/age';
import { formatInt, SEVERITY_ORDER, STATUS_LABEL, statusTextColor } from '@/components/format/format';
import { zoneHref } from '@/components/shell/level';
import { useVenue } from '@/components/store/venue-provider';
import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { IncidentList } from './incident-list';
import { SensorGroups } from './sensor-list';
import { VenueGate } from './venue-gate';
import { fillsInText, flowText, LosBadge } from './zone-figures';

function Summary() {
  const summary = useVenue((s) => s.summary);
  const live = useVenue((s) => s.live);
  if (!summary || !live) return null;
  const pct = summary.capacity > 0 ? Math.round((live.occupancy / summary.capacity) * 100) : null;
  const open = SEVERITY_ORDER.reduce((a, s) => a + live.openIncidents[s], 0);
  return (
    <div className="kpis venue-kpis">
      <section className="kpi" aria-label="People inside">
        <h2 className="kpi-label">People inside</h2>
        <p className="kpi-value" data-testid="venue-occupancy">
          {formatInt(live.occupancy)}
        </p>
        <p className="kpi-sub">
          of {formatInt(summary.capacity)} seats{pct !== null ? ` · ${pct}%` : ''}
        </p>
      </section>
      <section className="kpi" aria-label="Status">
        <h2 className="kpi-label">Status</h2>
        <p className="kpi-value" style={{ color: statusTextColor(live.worst) }}>
          {STATUS_LABEL[live.worst]}
        </p>
        <p className="kpi-sub">
          {live.sensorsCritical} critical · {live.sensorsWarning} warning · {live.sensorsOffline} offline sensors
        </p>
      </section>
      <section className="kpi" aria-label="Open incidents">
        <h2 className="kpi-label">Open incidents</h2>
        <p className="kpi-value">{open}</p>
        <p className="kpi-sub">{SEVERITY_ORDER.map((s) => `${live.openIncidents[s]} ${s}`).join(' · ')}</p>
      </section>
    </div>
  );
}

const ZoneRow = memo(function ZoneRow({ venueId, zone }: { venueId: string; zone: ZoneLive }) {
  const los = levelOfService(zone.occupancy, zone.areaM2);
  const pct = zone.capacity > 0 ? Math.round((zone.occupancy / zone.capacity) * 100) : 0;
  const fills = fillsInText(zone);
  return (
    <tr aria-label={`${zone.name.en}: level of service ${los}`}>
      <th scope="row">
        <Link href={zoneHref(venueId, zone.id)} className="row-link">
          {zone.name.en}{' '}
          <span className="muted zh" lang="zh-CN">
            {zone.name.zh}
          </span>
        </Link>
      </th>
      <td className="num">
        {formatInt(zone.occupancy)} <span className="muted">/ {formatInt(zone.capacity)}</span>
      </td>
      <td className="num col-pct">{pct}%</td>
      <td className="num">{density(zone.occupancy, zone.areaM2).toFixed(2)}</td>
      <td>
        <LosBadge los={los} />
      </td>
      <td className="num">{flowText(zone)}</td>
      <td className="num">{fills ? <span className="fills-soon">{fills}</span> : <span className="muted">—</span>}</td>
      <td className="num muted col-age">
        <Age since={zone.lastSeen} />
      </td>
    </tr>
  );
});

function Zones({ venueId }: { venueId: string }) {
  const zones = useVenue((s) => s.zones);
  const order = useVenue((s) => s.zoneOrder);
  return (
    <section className="panel zones-panel" aria-label="Zones">
      <h2 className="panel-title">
        Zones <span className="panel-count">{order.length}</span>
      </h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col" className="num">
              People / capacity
            </th>
            <th scope="col" className="num col-pct">
              Full
            </th>
            <th scope="col" className="num">
              p/m²
            </th>
            <th scope="col" title="Pedestrian level of service, Fruin walkway standard">
              LOS
            </th>
            <th scope="col" className="num" title="People per minute in / out, last minute">
              Flow /min
            </th>
            <th scope="col" className="num" title="At the last 5 minutes' trend; shown under 30 minutes">
              Full in
            </th>
            <th scope="col" className="num col-age">
              Age
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
  return (
    <section className="panel sensors-panel" aria-label="Sensors">
      <h2 className="panel-title">
        Sensors <span className="panel-count">{count}</span>
      </h2>
      <SensorGroups venueId={venueId} />
    </section>
  );
}

/** The venue's alerts and who has them (the same rows as the wall's). */
function VenueAlerts() {
  const alerts = useVenue((s) => s.alerts);
  return <AlertListPanel alerts={alerts} showVenue={false} />;
}

/** One venue in detail: zones with density and level of service, its alerts and incidents, every sensor; live. */
export function VenuePanels({ venueId }: { venueId: string }) {
  return (
    <div className="level-detail">
      <VenueGate venueId={venueId}>
        <Summary />
        <Zones venueId={venueId} />
        <VenueAlerts />
        <IncidentList empty="No incidents at this venue." />
        <Sensors venueId={venueId} />
      </VenueGate>
    </div>
  );
}
