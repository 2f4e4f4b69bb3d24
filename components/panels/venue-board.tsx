'use client';

import { IntentLink } from '@/components/shell/intent-link';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Severity } from '@/lib/contracts/payloads.schema';
import { CITIES } from '@/lib/contracts/cities';
import { FEED_STALE_MS } from '@/lib/contracts/stream';
import { Age } from '@/components/format/age';
import { cssRgb, SEVERITY_KEY, STATUS_KEY, STATUS_RGB } from '@/components/format/format';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';
import { cityName, cityOtherName } from '@/lib/i18n/city-names';
import { localName, otherName } from '@/lib/i18n/locales';
import { useNow } from '@/components/format/use-now';
import { worstUnacknowledgedByVenue } from '@/components/store/alert-map';
import { useSituation } from '@/components/store/situation-provider';
import { BOARD_ABBREVIATIONS, boardName } from './board-name';
import { blanksBeforeHeadings, columnRows } from './board-columns';

const CITY_EN: Record<string, string> = Object.fromEntries(CITIES.map((c) => [c.id, cityName(c.id, 'en')]));

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
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  if (!venue) return null;
  const name = localName(venue.name, locale);
  // The Chinese names are short; the English ones abbreviated deliberately (board-name.ts), in full on hover.
  const shown = locale === 'zh' ? name : boardName(venue.name.en, CITY_EN[venue.cityId] ?? '');
  const other = otherName(venue.name, locale);
  const worst = live?.worst ?? 'unknown';
  const pct = live && venue.capacity > 0 ? Math.round((live.occupancy / venue.capacity) * 100) : null;
  return (
    <li
      className={`venue-chip status-${worst}${silent ? ' is-stale' : ''}`}
      style={{ borderInlineStartColor: cssRgb(STATUS_RGB[worst]) }}
      aria-label={
        `${name}: ${t(STATUS_KEY[worst])}` +
        (alarm ? `, ${t('venues.alarm', { severity: t(SEVERITY_KEY[alarm]) })}` : '') +
        (silent ? `, ${t('venues.noRecentData')}` : '')
      }
      title={`${name} · ${other.text}`}
      data-venue-id={id}
    >
      <IntentLink className="venue-chip-link" href={`/venues/${id}`}>
        {/* On the tile's edge, not before the name: it takes none of the name's room. */}
        {alarm ? <span className={`venue-alarm sev-${alarm}`} aria-hidden /> : null}
        <span className="venue-name" dir="auto">
          {shown === name ? (
            name
          ) : (
            <>
              {/* Read out in full; the abbreviation is for the eye. */}
              <span className="venue-name-short" aria-hidden="true">
                {shown}
              </span>
              <span className="visually-hidden">{name}</span>
            </>
          )}
        </span>
        <span className="venue-zh" lang={other.lang} dir="auto">
          {other.text}
        </span>
        {/* Each figure isolated, so in Arabic people and percent never run together ("4,83981%"). */}
        <span className="venue-occ">
          <bdi>{live ? f.int(live.occupancy) : '—'}</bdi>
          {silent ? (
            <small className="venue-silent">
              <Age since={live ? live.lastSeen - serverOffsetMs : 0} never={t('venues.noData')} />
            </small>
          ) : pct !== null ? (
            <small>
              <bdi>{f.percent(pct)}</bdi>
            </small>
          ) : null}
        </span>
      </IntentLink>
    </li>
  );
});

/** The rows of the board's column-major grid (0 when it flows in rows), measured when it is laid out anew. */
function useColumnRows() {
  const grid = useRef<HTMLUListElement>(null);
  const [rows, setRows] = useState(0);
  useLayoutEffect(() => {
    const el = grid.current;
    if (!el) return;
    const measure = () => setRows(columnRows(getComputedStyle(el)));
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  return { grid, rows };
}

/** Every venue, grouped by city, with its status, its worst unacknowledged alert and its crowd: the wall's roll call. */
export function VenueBoard() {
  const order = useSituation((s) => s.venueOrder);
  const venues = useSituation((s) => s.venues);
  const alerts = useSituation((s) => s.alerts);
  const t = useT();
  const locale = useLocale();
  const alarms = useMemo(() => worstUnacknowledgedByVenue(alerts), [alerts]);
  const live = useSituation((s) => s.live);
  const serverNow = useNow(1000) + useSituation((s) => s.serverOffsetMs);
  const isSilent = (id: string) => serverNow - (live[id]?.lastSeen ?? 0) > FEED_STALE_MS;
  const silentCount = order.filter(isSilent).length;
  const { grid, rows } = useColumnRows();
  const groups = CITIES.map((c) => ({ city: c, ids: order.filter((id) => venues[id]?.cityId === c.id) })).filter(
    (g) => g.ids.length > 0,
  );
  const blanks = blanksBeforeHeadings(
    groups.map((g) => g.ids.length),
    rows,
  );
  return (
    <section className="panel venues" aria-label={t('venues.title')}>
      <h2 className="panel-title">
        {t('venues.title')} <span className="panel-count">{order.length}</span>
        {silentCount > 0 ? <span className="panel-warn">{t('venues.silent', { n: silentCount })}</span> : null}
        {/* What each tile's two figures are: the board's legend. */}
        <span className="panel-legend">
          {t('venues.legend')}
          {/* The English names are abbreviated (board-name.ts); the Chinese are not. */}
          {locale === 'zh' ? null : (
            <>
              {' · '}
              <bdi lang="en">{BOARD_ABBREVIATIONS}</bdi>
            </>
          )}
        </span>
      </h2>
      <ul className="venue-grid" ref={grid}>
        {groups.flatMap(({ city: c, ids }, i) => {
          return [
            // A heading never ends a column: its venues would stand under the next one's top.
            blanks[i] ? <li key={`${c.id}-blank`} className="venue-grid-blank" aria-hidden /> : null,
            <li key={c.id} className="venue-city-name" aria-hidden>
              {cityName(c.id, locale)}{' '}
              <span lang={cityOtherName(c.id, locale).lang}>{cityOtherName(c.id, locale).text}</span>
            </li>,
            ...ids.map((id) => <VenueChip key={id} id={id} alarm={alarms[id]} silent={isSilent(id)} />),
          ];
        })}
      </ul>
    </section>
  );
}
