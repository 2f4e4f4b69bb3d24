'use client';

import Link from 'next/link';
import { useMemo, useRef } from 'react';
import { useRowsThatFit } from '@/components/format/use-rows-that-fit';
import { cssRgb, SEVERITY_KEY, STATUS_RGB } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';
import { useAlertText } from '@/components/alerts/use-alert-text';
import {
  groupSilent,
  venuesNeedingAttention,
  type AttentionItem,
  type VenueAttention,
} from '@/components/store/attention';
import { useSituation } from '@/components/store/situation-provider';
import { localName } from '@/lib/i18n/locales';

/** At most this many cards (fewer when fewer fit whole); the rest are counted in words. */
const MAX_SHOWN = 8;

function Reason({ a, serverNow }: { a: VenueAttention; serverNow: number }) {
  const t = useT();
  const f = useFormat();
  const text = useAlertText();
  const locale = useLocale();
  const r = a.reason;
  let words: string;
  switch (r.kind) {
    case 'alarm':
      words = t(r.alert.status === 'open' ? 'attention.alarm' : 'attention.alarmAcknowledged', {
        severity: t(SEVERITY_KEY[r.alert.severity]),
        text: text(r.alert),
      });
      break;
    case 'silent':
      words = r.lastSeen ? t('attention.silent', { age: f.age(serverNow - r.lastSeen) }) : t('attention.neverHeard');
      break;
    case 'sensors':
      words = t('venue.sensorCounts', {
        critical: f.int(r.critical),
        warning: f.int(r.warning),
        offline: r.offline,
      });
      break;
    case 'incidents':
      words = t('attention.incidents', { n: r.open, severity: t(SEVERITY_KEY[r.worst]) });
      break;
  }
  // Severity words are lower case in the catalogue; a reason starts a sentence.
  if (typeof words === 'string') words = words.charAt(0).toLocaleUpperCase(locale) + words.slice(1);
  return (
    <span className="attention-reason">
      {words}
      {a.more > 0 ? <small> {t('attention.more', { n: a.more })}</small> : null}
    </span>
  );
}

/** Severity in the card's colour: the alarm's, else the venue's worst status. */
function cardColour(a: VenueAttention, worst: keyof typeof STATUS_RGB): string {
  if (a.reason.kind === 'alarm')
    return `var(--${a.reason.alert.severity === 'warning' ? 'sev-warning' : a.reason.alert.severity})`;
  if (a.reason.kind === 'silent') return 'var(--offline)';
  return cssRgb(STATUS_RGB[worst]);
}

function AttentionCard({ item, serverNow }: { item: Extract<AttentionItem, { kind: 'venue' }>; serverNow: number }) {
  const venue = useSituation((s) => s.venues[item.venueId]);
  const worst = useSituation((s) => s.live[item.venueId]?.worst ?? 'unknown');
  const locale = useLocale();
  const name = venue ? localName(venue.name, locale) : item.venueId;
  const severity = item.reason.kind === 'alarm' ? item.reason.alert.severity : null;
  return (
    <li
      className={`attention-card${item.reason.kind === 'alarm' && item.reason.alert.status === 'open' ? ' is-unacknowledged' : ''}`}
      data-severity={severity ?? undefined}
      style={{ borderInlineStartColor: cardColour(item, worst) }}
      data-venue-id={item.venueId}
    >
      <Link className="attention-link" href={`/venues/${item.venueId}`}>
        <span className="attention-name" dir="auto" title={name}>
          {name}
        </span>
        <Reason a={item} serverNow={serverNow} />
      </Link>
    </li>
  );
}

/**
 * The venues that need someone, most urgent first, each with its reason in words: what the eye
 * lands on before the roll call below (ISA-101). When all is well it says so, in its place: the wall's layout
 * stays put as venues come and go from the list (the map does not change size under the operator's eye).
 */
export function VenueAttention() {
  const t = useT();
  const order = useSituation((s) => s.venueOrder);
  const live = useSituation((s) => s.live);
  const alerts = useSituation((s) => s.alerts);
  const serverNow = useNow(1000) + useSituation((s) => s.serverOffsetMs);
  // Silence is judged to the second; the rest changes only with data.
  const nowBucket = Math.floor(serverNow / 1000) * 1000;
  const items = useMemo(
    () => groupSilent(venuesNeedingAttention(order, live, alerts, nowBucket)),
    [order, live, alerts, nowBucket],
  );
  const list = useRef<HTMLUListElement>(null);
  // Only whole cards: a reason cut mid-line (a taller script, a longer name) is worse than one counted below.
  // Judged afresh when the venues listed or their reasons change, not when an age ticks.
  const listed = items.map((i) => (i.kind === 'venue' ? `${i.venueId}:${i.reason.kind}` : 'silent')).join('|');
  const fit = useRowsThatFit(list, '.attention-card', MAX_SHOWN, listed);
  const shown = items.length > fit ? items.slice(0, Math.max(1, fit - 1)) : items;
  const venuesIn = (list: AttentionItem[]) =>
    list.reduce((n, i) => n + (i.kind === 'venue' ? 1 : i.venueIds.length), 0);
  const rest = venuesIn(items) - venuesIn(shown);
  return (
    <section className="panel venue-attention" aria-label={t('attention.title')}>
      <h2 className="panel-title">
        {t('attention.title')} <span className="panel-count">{venuesIn(items)}</span>
      </h2>
      {items.length === 0 ? (
        <p className="attention-none">{t('attention.none')}</p>
      ) : (
        <ul className="attention-list" ref={list}>
          {shown.map((item) =>
            item.kind === 'venue' ? (
              <AttentionCard key={item.venueId} item={item} serverNow={nowBucket} />
            ) : (
              <li
                key="silent"
                className="attention-card is-silent-group"
                style={{ borderInlineStartColor: 'var(--offline)' }}
              >
                <span className="attention-link">
                  <span className="attention-name">{t('attention.silentVenues', { n: item.venueIds.length })}</span>
                  <span className="attention-reason">{t('attention.silentGroup')}</span>
                </span>
              </li>
            ),
          )}
          {rest > 0 ? (
            <li className="attention-card is-rest">
              <span className="attention-link">
                <span className="attention-reason">{t('attention.restVenues', { n: rest })}</span>
              </span>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
