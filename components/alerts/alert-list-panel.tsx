'use client';

import Link from 'next/link';
import { useMemo, useRef, type ReactNode } from 'react';
import type { AlertView } from '@/lib/contracts/alerts';
import { useRowsThatFit } from '@/components/format/use-rows-that-fit';
import { alertsByUrgency, type AlertMap } from '@/components/store/alert-map';
import { AlertRow } from './alert-row';
import { alarmCounts } from '@/lib/contracts/alarm-counts';
import { useT } from '@/components/i18n/i18n-provider';

/**
 * Alerts on the wall and the venue page: unacknowledged first (escalated on top, pulsing),
 * then those someone has, then the recently resolved. Who has what is on every row.
 */
export function AlertListPanel({
  alerts,
  showVenue = true,
  maxRows = 20,
  age,
  loaded = true,
}: {
  alerts: AlertMap;
  /** False while the server's alarm database is not attached: the panel says so instead of "no alerts". Null: not known yet. */
  loaded?: boolean | null;
  showVenue?: boolean;
  /** Rows shown at most (fewer when they do not fit); the rest are counted. */
  maxRows?: number;
  /** The age of the list (the stream it comes from), in the title. */
  age?: ReactNode;
}) {
  const t = useT();
  const rows: AlertView[] = useMemo(() => alertsByUrgency(alerts), [alerts]);
  const counts = useMemo(() => alarmCounts(rows), [rows]);
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, '.alert-row', maxRows, rows);
  return (
    <section className="panel alert-panel" aria-label={t('alerts.title')}>
      <h2 className="panel-title">
        {t('alerts.title')}{' '}
        <span className="panel-count">
          {loaded === true
            ? t('alerts.counts', { open: counts.unacknowledged.total, unresolved: counts.unresolved })
            : '—'}
        </span>{' '}
        {age}
        <Link className="panel-link" href="/alerts">
          {t('alerts.act')}
        </Link>
      </h2>
      <ol className="alert-list" ref={list}>
        {loaded === null ? (
          <li className="empty">{t('alerts.loading')}</li>
        ) : !loaded ? (
          <li className="empty alerts-starting">{t('alerts.starting')}</li>
        ) : rows.length === 0 ? (
          <li className="empty">{t('alerts.none')}</li>
        ) : (
          rows.slice(0, fit).map((a) => <AlertRow key={a.id} alert={a} showVenue={showVenue} />)
        )}
      </ol>
      {rows.length > fit ? <p className="ticker-more">{t('alarm.more', { n: rows.length - fit })}</p> : null}
    </section>
  );
}
