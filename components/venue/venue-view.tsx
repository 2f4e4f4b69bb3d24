'use client';

import Link from 'next/link';
import { useMemo, useState, type ReactNode } from 'react';
import { density, levelOfService, type LevelOfService } from '@/lib/contracts/level-of-service';
import { SENSOR_KIND_INFO, SENSOR_KINDS } from '@/lib/contracts/sensor-kinds';
import type { SensorLive, ZoneLive } from '@/lib/contracts/stream';
import {
  cssRgb,
  formatAge,
  formatInt,
  SEVERITY_ORDER,
  incidentsByUrgency,
  STATUS_LABEL,
  STATUS_RGB,
} from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { SensorHistoryChartLoader } from '@/components/charts/sensor-history-chart-loader';
import { ConnectionState } from '@/components/panels/connection-badge';
import { ShanghaiClock } from '@/components/panels/shanghai-clock';
import { useVenue, VenueProvider } from '@/components/store/venue-provider';

/** Time to capacity is shown when under this many minutes. */
const TIME_TO_CAPACITY_SHOWN_MIN = 30;

const LOS_TONE: Record<LevelOfService, string> = {
  A: 'ok',
  B: 'ok',
  C: 'ok',
  D: 'warning',
  E: 'critical',
  F: 'critical',
};

function Frame({ children }: { children: ReactNode }) {
  const phase = useVenue((s) => s.phase);
  return (
    <div className="venue-page" data-phase={phase}>
      {children}
    </div>
  );
}

function Header({ venueId }: { venueId: string }) {
  const summary = useVenue((s) => s.summary);
  const phase = useVenue((s) => s.phase);
  const lastMessageAt = useVenue((s) => s.lastMessageAt);
  const feedAgeAtMessage = useVenue((s) => s.feedAgeAtMessage);
  return (
    <header className="wall-header">
      <div className="brand">
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <ol>
            <li>
              <Link href="/">All venues</Link>
            </li>
            <li aria-current="page">{summary?.name.en ?? venueId}</li>
          </ol>
        </nav>
        <h1>
          {summary?.name.en ?? venueId}{' '}
          {summary ? (
            <span className="brand-sub" lang="zh-CN">
              {summary.name.zh}
            </span>
          ) : null}
        </h1>
        {summary?.sports.length ? <p className="feed-source">{summary.sports.join(' · ')}</p> : null}
      </div>
      <ConnectionState phase={phase} lastMessageAt={lastMessageAt} feedAgeAtMessage={feedAgeAtMessage} />
      <ShanghaiClock />
    </header>
  );
}

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
        <p className="kpi-value" style={{ color: cssRgb(STATUS_RGB[live.worst]) }}>
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

function ZoneRow({ zone, now }: { zone: ZoneLive; now: number }) {
  const los = levelOfService(zone.occupancy, zone.areaM2);
  const pct = zone.capacity > 0 ? Math.round((zone.occupancy / zone.capacity) * 100) : 0;
  // Shown only when it matters: under half an hour at the recent trend.
  const fillsSoon = zone.minutesToCapacity !== null && zone.minutesToCapacity < TIME_TO_CAPACITY_SHOWN_MIN;
  return (
    <tr aria-label={`${zone.name.en}: level of service ${los}`}>
      <th scope="row">
        {zone.name.en}{' '}
        <span className="muted" lang="zh-CN">
          {zone.name.zh}
        </span>
      </th>
      <td className="muted">{zone.kind}</td>
      <td className="num">
        {formatInt(zone.occupancy)} <span className="muted">/ {formatInt(zone.capacity)}</span>
      </td>
      <td className="num">{pct}%</td>
      <td className="num">{density(zone.occupancy, zone.areaM2).toFixed(2)}</td>
      <td>
        <span className={`los los-${LOS_TONE[los]}`}>{los}</span>
      </td>
      <td className="num">
        {zone.flowInPerMin === null ? '—' : `+${formatInt(zone.flowInPerMin)} / −${formatInt(zone.flowOutPerMin ?? 0)}`}
      </td>
      <td className="num">
        {fillsSoon ? (
          <span className="fills-soon">
            {zone.minutesToCapacity! < 1 ? 'full' : `${Math.round(zone.minutesToCapacity!)} min`}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num muted">{zone.lastSeen ? formatAge(now - zone.lastSeen) : '—'}</td>
    </tr>
  );
}

function Zones() {
  const zones = useVenue((s) => s.zones);
  const order = useVenue((s) => s.zoneOrder);
  const now = useNow(1000);
  return (
    <section className="panel" aria-label="Zones">
      <h2 className="panel-title">
        Zones <span className="panel-count">{order.length}</span>
      </h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              People / capacity
            </th>
            <th scope="col" className="num">
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
            <th scope="col" className="num">
              Age
            </th>
          </tr>
        </thead>
        <tbody>
          {order.map((id) => {
            const z = zones[id];
            return z ? <ZoneRow key={id} zone={z} now={now} /> : null;
          })}
        </tbody>
      </table>
    </section>
  );
}

function SensorRow({ sensor, now, onSelect }: { sensor: SensorLive; now: number; onSelect: (id: string) => void }) {
  const status = sensor.status === 'unknown' ? 'unknown' : sensor.status;
  return (
    <li>
      <button
        type="button"
        className={`sensor status-${status}`}
        aria-label={`${sensor.id}: ${status}`}
        onClick={() => onSelect(sensor.id)}
      >
        <span className="sensor-id">{sensor.id}</span>
        <span className="sensor-value">
          {sensor.value === null ? '—' : sensor.value.toLocaleString('en-US', { maximumFractionDigits: 2 })}{' '}
          <span className="muted">{sensor.unit}</span>
        </span>
        <span
          className="sensor-status"
          style={{ color: cssRgb(STATUS_RGB[status === 'unknown' ? 'unknown' : status]) }}
        >
          {status}
        </span>
        <span className="sensor-age muted">{sensor.lastSeen ? formatAge(now - sensor.lastSeen) : 'never'}</span>
      </button>
    </li>
  );
}

function Sensors({ venueId }: { venueId: string }) {
  const [selected, setSelected] = useState<string | null>(null);
  const sensors = useVenue((s) => s.sensors);
  const order = useVenue((s) => s.sensorOrder);
  const now = useNow(1000);
  const byKind = useMemo(() => {
    const groups = new Map<string, SensorLive[]>();
    for (const id of order) {
      const s = sensors[id];
      if (!s) continue;
      const list = groups.get(s.kind) ?? [];
      list.push(s);
      groups.set(s.kind, list);
    }
    return SENSOR_KINDS.filter((k) => groups.has(k)).map((k) => [k, groups.get(k)!] as const);
  }, [sensors, order]);
  return (
    <section className="panel sensors-panel" aria-label="Sensors">
      <h2 className="panel-title">
        Sensors <span className="panel-count">{order.length}</span>
      </h2>
      {selected ? (
        <section className="sensor-detail" aria-label={`Sensor ${selected}`}>
          <h3>
            {selected}{' '}
            <span className="muted">
              {sensors[selected] ? SENSOR_KIND_INFO[sensors[selected].kind].label : ''} · last 60 minutes
            </span>
            <button type="button" className="close" onClick={() => setSelected(null)} aria-label="Close history">
              ×
            </button>
          </h3>
          <SensorHistoryChartLoader venueId={venueId} sensorId={selected} />
        </section>
      ) : null}
      <div className="sensor-groups">
        {byKind.map(([kind, list]) => {
          const bad = list.filter((s) => s.status !== 'ok').length;
          return (
            <section key={kind} className="sensor-group" aria-label={SENSOR_KIND_INFO[kind].label}>
              <h3>
                {SENSOR_KIND_INFO[kind].label} <span className="muted">{list.length}</span>
                {bad > 0 ? <span className="sensor-bad"> · {bad} not ok</span> : null}
              </h3>
              <ul>
                {[...list]
                  .sort((a, b) => Number(a.status === 'ok') - Number(b.status === 'ok'))
                  .map((s) => (
                    <SensorRow key={s.id} sensor={s} now={now} onSelect={setSelected} />
                  ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}

function Incidents() {
  const incidents = useVenue((s) => s.incidents);
  const now = useNow(1000);
  const rows = useMemo(() => incidentsByUrgency(incidents), [incidents]);
  return (
    <section className="panel ticker venue-incidents" aria-label="Incidents">
      <h2 className="panel-title">
        Incidents <span className="panel-count">{rows.filter((r) => r.state === 'open').length} open</span>
      </h2>
      <ol className="ticker-list">
        {rows.length === 0 ? <li className="empty">No incidents at this venue.</li> : null}
        {rows.map((i) => (
          <li key={i.key} className={`ticker-row sev-${i.severity} ${i.state === 'cleared' ? 'is-cleared' : ''}`}>
            <span className="ticker-sev">{i.state === 'cleared' ? 'cleared' : i.severity}</span>
            <span className="ticker-title">{i.title}</span>
            <span className="ticker-venue">{i.kind.replace(/_/g, ' ')}</span>
            <span className="ticker-age">{formatAge(now - i.raisedAt)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Body({ venueId }: { venueId: string }) {
  const loaded = useVenue((s) => s.loaded);
  const known = useVenue((s) => s.known);
  if (!loaded) return <p className="empty venue-message">Connecting to the venue feed…</p>;
  if (!known) {
    return (
      <p className="empty venue-message" role="alert">
        No venue &lsquo;{venueId}&rsquo; has reported to this command center. <Link href="/">Back to all venues</Link>
      </p>
    );
  }
  return (
    <main className="venue-main">
      <Summary />
      <Zones />
      <Incidents />
      <Sensors venueId={venueId} />
    </main>
  );
}

/** One venue in detail: zones with density and level of service, every sensor, its incidents; live. */
export function VenueView({ venueId }: { venueId: string }) {
  return (
    <VenueProvider venueId={venueId}>
      <Frame>
        <Header venueId={venueId} />
        <Body venueId={venueId} />
      </Frame>
    </VenueProvider>
  );
}
