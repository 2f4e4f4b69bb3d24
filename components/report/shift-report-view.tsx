/**
 * The shift report as a page: what the outgoing shift hands over, in the reader's language.
 * Rendered on the server (no script needed to read or print it); plain tables that print
 * on paper as they show on screen.
 */
import type { AlertView } from '@/lib/contracts/alerts';
import { SEVERITIES } from '@/lib/contracts/event-kinds';
import type { AlertStats, ShiftReport, VenuePeak } from '@/lib/contracts/report';
import { localeInfo, localName, type Locale } from '@/lib/i18n/locales';
import { alertText } from '@/lib/i18n/alert-text';
import { DESKS, type AlarmKpis, type Desk, type PositionKpis } from '@/lib/contracts/alarm-kpis';
import type { MessageKey } from '@/lib/i18n/translate';
import type { Translate } from '@/lib/i18n/translate';
import { alertStateLabel, SEVERITY_KEY, type Formatters } from '@/components/format/format';

interface Props {
  report: ShiftReport;
  t: Translate;
  f: Formatters;
  locale: Locale;
  /** Registry names by venue id, for alerts (which carry the English name). */
  venueNames: Record<string, { en: string; zh: string }>;
}

function StatsRow({ label, s, f }: { label: string; s: AlertStats; f: Formatters }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{f.int(s.raised)}</td>
      <td className="num">{f.int(s.acknowledged)}</td>
      <td className="num">{f.int(s.resolved)}</td>
      <td className="num">{f.age(s.ackMedianMs)}</td>
      <td className="num">{f.age(s.ackP90Ms)}</td>
      <td className="num">{f.age(s.ackMaxMs)}</td>
    </tr>
  );
}

const DESK_KEY: Record<Desk, MessageKey> = {
  technology: 'kpis.position.technology',
  venues: 'kpis.position.venues',
};

function PositionRow({ label, p, f }: { label: string; p: PositionKpis; f: Formatters }) {
  const one = (n: number) => f.num(n, 1);
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{f.int(p.alarms)}</td>
      <td className="num">{one(p.perHour)}</td>
      <td className="num">{one(p.per10MinAverage)}</td>
      <td className="num">{f.int(p.per10MinPeak)}</td>
      <td className="num">{one(p.timeInFloodPercent)}%</td>
    </tr>
  );
}

/** The alarm system judged by ISA-18.2 / EEMUA 191 over the shift (docs/alarms.md). */
function AlarmSystem({
  k,
  t,
  f,
  venueName,
}: {
  k: AlarmKpis;
  t: Translate;
  f: Formatters;
  venueName: (id: string) => string;
}) {
  const total = k.priorities.high + k.priorities.medium + k.priorities.low;
  const pct = (n: number) => (total === 0 ? '—' : `${Math.round((100 * n) / total)}%`);
  const busiest = k.venueTeams.busiest;
  return (
    <section aria-label={t('kpis.title')}>
      <h2>{t('kpis.title')}</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t('kpis.position')}</th>
            <th scope="col" className="num">
              {t('kpis.alarms')}
            </th>
            <th scope="col" className="num">
              {t('kpis.perHour')}
            </th>
            <th scope="col" className="num">
              {t('kpis.per10Min')}
            </th>
            <th scope="col" className="num">
              {t('kpis.peak10Min')}
            </th>
            <th scope="col" className="num">
              {t('kpis.flood')}
            </th>
          </tr>
        </thead>
        <tbody>
          {DESKS.map((p) => (
            <PositionRow key={p} label={t(DESK_KEY[p])} p={k.byPosition[p]} f={f} />
          ))}
          {busiest ? (
            <PositionRow
              label={t('kpis.position.venueTeam', { venue: venueName(busiest.venueId) })}
              p={busiest}
              f={f}
            />
          ) : null}
        </tbody>
      </table>
      <dl className="report-facts">
        <dt>{t('kpis.venueTeams')}</dt>
        <dd>{t('kpis.venueTeamsValue', { alarms: k.venueTeams.alarms, venues: k.venueTeams.venues })}</dd>
        <dt>{t('kpis.priorities')}</dt>
        <dd>
          {t('kpis.prioritySpread', {
            low: pct(k.priorities.low),
            medium: pct(k.priorities.medium),
            high: pct(k.priorities.high),
          })}
        </dd>
        <dt>{t('kpis.chattering')}</dt>
        <dd>{f.int(k.chatteringSources.length)}</dd>
        <dt>{t('kpis.standing')}</dt>
        <dd>{f.int(k.standing)}</dd>
        <dt>{t('kpis.toAck')}</dt>
        <dd>
          {t('kpis.toAckValue', {
            median: f.age(k.timeToAcknowledgeMs.median),
            p90: f.age(k.timeToAcknowledgeMs.p90),
            n: f.int(k.timeToAcknowledgeMs.acknowledged),
          })}
        </dd>
      </dl>
      {k.topSources.length > 0 ? (
        <table className="report-table">
          <caption>{t('kpis.badActors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpis.source')}</th>
              <th scope="col" className="num">
                {t('kpis.alarms')}
              </th>
              <th scope="col" className="num">
                {t('kpis.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {k.topSources.map((s) => (
              <tr key={`${s.type}|${s.source}`}>
                <td>
                  {s.source} <small>({s.type})</small>
                </td>
                <td className="num">{f.int(s.count)}</td>
                <td className="num">{Math.round(s.share * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function ShiftReportView({ report: r, t, f, locale, venueNames }: Props) {
  const text = (a: AlertView) => alertText(t, locale, localeInfo(locale).intl, a);
  const when = (ms: number) => `${f.date(ms)} ${f.hm(ms)}`;
  const venueOf = (a: AlertView) => {
    const name = a.venueId ? venueNames[a.venueId] : undefined;
    return name ? localName(name, locale) : (a.venueName ?? t('venue.all'));
  };
  // A venue no one was in (no session in the window) is named once, not a row of zeros.
  const occupied = r.peaks.filter((p) => p.peak > 0);
  const empty = r.peaks.filter((p) => p.peak === 0);
  const peakName = (p: VenuePeak) => (p.name ? localName(p.name, locale) : p.venueId);
  return (
    <article className="report" aria-label={t('report.title')}>
      <header className="report-header">
        <h1>{t('report.heading', { hours: r.hours })}</h1>
        <p>
          {t('report.window', { from: when(r.from), to: when(r.to) })} ·{' '}
          {t('report.generatedFor', { who: r.generatedBy })}
          {r.venues
            ? ` · ${t('report.scope', { venues: f.list(r.venues.map((id) => (venueNames[id] ? localName(venueNames[id], locale) : id))) })}`
            : ''}
        </p>
      </header>

      <section aria-label={t('report.alertsTitle')}>
        <h2>{t('report.alertsTitle')}</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('report.severity')}</th>
              <th scope="col" className="num">
                {t('report.raised')}
              </th>
              <th scope="col" className="num">
                {t('report.acknowledged')}
              </th>
              <th scope="col" className="num">
                {t('report.resolved')}
              </th>
              <th scope="col" className="num">
                {t('report.ackMedian')}
              </th>
              <th scope="col" className="num">
                {t('report.ackP90')}
              </th>
              <th scope="col" className="num">
                {t('report.ackMax')}
              </th>
            </tr>
          </thead>
          <tbody>
            {SEVERITIES.map((s) => (
              <StatsRow key={s} label={t(SEVERITY_KEY[s])} s={r.bySeverity[s]} f={f} />
            ))}
            <StatsRow label={t('report.all')} s={r.total} f={f} />
          </tbody>
        </table>
      </section>

      <AlarmSystem
        k={r.alarmSystem}
        t={t}
        f={f}
        venueName={(id) => (venueNames[id] ? localName(venueNames[id], locale) : id)}
      />

      <section aria-label={t('report.openTitle')}>
        <h2>
          {t('report.openTitle')} <span className="report-count">{f.int(r.openTotal)}</span>
        </h2>
        {r.open.length === 0 ? (
          <p>{t('report.noneOpen')}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.severity')}</th>
                <th scope="col">{t('report.alert')}</th>
                <th scope="col">{t('alerts.venue')}</th>
                <th scope="col">{t('report.raised')}</th>
                <th scope="col">{t('report.state')}</th>
              </tr>
            </thead>
            <tbody>
              {r.open.map((a) => (
                <tr key={a.id} className={`sev-${a.severity}`}>
                  <td>{t(SEVERITY_KEY[a.severity])}</td>
                  <td>{text(a)}</td>
                  <td>{venueOf(a)}</td>
                  <td>{when(a.raisedAt)}</td>
                  <td>{alertStateLabel(a, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.openTotal > r.open.length ? <p>{t('alarm.more', { n: r.openTotal - r.open.length })}</p> : null}
      </section>

      <section aria-label={t('report.peaksTitle')}>
        <h2>{t('report.peaksTitle')}</h2>
        {occupied.length === 0 ? (
          <p>{t('report.noPeaks')}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('alerts.venue')}</th>
                <th scope="col" className="num">
                  {t('report.peak')}
                </th>
                <th scope="col" className="num">
                  {t('report.capacity')}
                </th>
                <th scope="col" className="num">
                  %
                </th>
                <th scope="col">{t('report.peakAt')}</th>
              </tr>
            </thead>
            <tbody>
              {occupied.map((p) => (
                <tr key={p.venueId}>
                  <th scope="row">{peakName(p)}</th>
                  <td className="num">{f.int(p.peak)}</td>
                  <td className="num">{f.int(p.capacity)}</td>
                  <td className="num">{p.capacity > 0 ? `${Math.round((p.peak / p.capacity) * 100)}%` : '—'}</td>
                  <td>{when(p.peakAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {empty.length > 0 ? <p>{t('report.emptyVenues', { names: f.list(empty.map(peakName)) })}</p> : null}
      </section>

      <section aria-label={t('report.seriousTitle')}>
        <h2>
          {t('report.seriousTitle')} <span className="report-count">{f.int(r.seriousTotal)}</span>
        </h2>
        {r.serious.length === 0 ? (
          <p>{t('report.noneSerious')}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.raised')}</th>
                <th scope="col">{t('report.severity')}</th>
                <th scope="col">{t('report.alert')}</th>
                <th scope="col">{t('alerts.venue')}</th>
                <th scope="col" className="num">
                  {t('report.toAck')}
                </th>
                <th scope="col">{t('report.state')}</th>
              </tr>
            </thead>
            <tbody>
              {r.serious.map((a) => (
                <tr key={a.id} className={`sev-${a.severity}`}>
                  <td>{when(a.raisedAt)}</td>
                  <td>{t(SEVERITY_KEY[a.severity])}</td>
                  <td>{text(a)}</td>
                  <td>{venueOf(a)}</td>
                  <td className="num">{f.age(a.acknowledgedAt === null ? null : a.acknowledgedAt - a.raisedAt)}</td>
                  <td>{alertStateLabel(a, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.seriousTotal > r.serious.length ? <p>{t('alarm.more', { n: r.seriousTotal - r.serious.length })}</p> : null}
      </section>
    </article>
  );
}
