'use client';

import Link from 'next/link';
import { memo, useMemo } from 'react';
import type { Severity } from '@/lib/contracts/payloads.schema';
import { CITIES } from '@/lib/contracts/cities';
import { FEED_STALE_MS } from '@/lib/contracts/stream';
import { Age } from '@/components/format/age';
import { cssRgb, formatInt, STATUS_LABEL, STATUS_RGB } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { worstUnacknowledgedByVenue } from '@/components/store/alert-map';
import { useSituation } from '@/components/store/situation-provider';

const VenueChip = memo(function VenueChip({
  id,
  alarm,
  silent,
}: {
  id: string;
  alarm: Severity | undefined;
  /** Not heard from within the freshness bound: its figures are old. */
  silent: boolean;
}) {
  const venue = useSituation((s) => s.venues[id]);
  const live = useSituation((s) => s.live[id]);
  const serverOffsetMs = useSituation((s) => s.serverOffsetMs);
  if (!venue) return null;
  const worst = live?.worst ?? 'unknown';
  const pct = live && venue.capacity > 0 ? Math.round((live.occupancy / venue.capacity) * 100) : null;
  return (
    <li
      className={`venue-chip status-${worst}${silent ? ' is-stale' : ''}`}
      style={{ borderLeftColor: cssRgb(STATUS_RGB[worst]) }}
      aria-label={`${venue.name.en}: ${STATUS_LABEL[worst]}${alarm ? `, ${alarm} alert unacknowledged` : ''}${silent ? ', no recent data' : ''}`}
      title={`${venue.name.en} · ${venue.name.zh}`}
      data-venue-id={id}
    >
      <Link className="venue-chip-link" href={`/venues/${id}`}>
        <span className="venue-name" lang="en">
          {alarm ? <span className={`venue-alarm sev-${alarm}`} aria-hidden /> : null}
          {venue.name.en}
        </span>
        <span className="venue-zh" lang="zh-CN">
          {venue.name.zh}
        </span>
        <span className="venue-occ">
          {live ? formatInt(live.occupancy) : '—'}
          {silent ? (
            <small className="venue-silent">
              <Age since={live ? live.lastSeen - serverOffsetMs : 0} never="no data" />
            </small>
          ) : pct !== null ? (
            <small>{pct}%</small>
          ) : null}
        </span>
      </Link>
    </li>
  );
});

/** Every venue, grouped by city, with its status, its worst unacknowledged alert and its crowd: the wall's roll call. */
export function VenueBoard() {
  const order = useSituation((s) => s.venueOrder);
  const venues = useSituation((s) => s.venues);
  const alerts = useSituation((s) => s.alerts);
  const alarms = useMemo(() => worstUnacknowledgedByVenue(alerts), [alerts]);
  const live = useSituation((s) => s.live);
  const serverNow = useNow(1000) + useSituation((s) => s.serverOffsetMs);
  const isSilent = (id: string) => serverNow - (live[id]?.lastSeen ?? 0) > FEED_STALE_MS;
  const silentCount = order.filter(isSilent).length;
  return (
    <section className="panel venues" aria-label="Venues">
      <h2 className="panel-title">
        Venues <span className="panel-count">{order.length}</span>
        {silentCount > 0 ? <span className="panel-warn">{silentCount} silent</span> : null}
      </h2>
      <ul className="venue-grid">
        {CITIES.flatMap((c) => {
          const ids = order.filter((id) => venues[id]?.cityId === c.id);
          if (ids.length === 0) return [];
          return [
            <li key={c.id} className="venue-city-name" aria-hidden>
              {c.name.en} <span lang="zh-CN">{c.name.zh}</span>
            </li>,
            ...ids.map((id) => <VenueChip key={id} id={id} alarm={alarms[id]} silent={isSilent(id)} />),
          ];
        })}
      </ul>
    </section>
  );
}
