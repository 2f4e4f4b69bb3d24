'use client';

import { useFormat, useT } from '@/components/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import type { ConnectionPhase } from '@/components/store/connection-slice';
import { dataAgeMs } from '@/components/store/data-age';
import { useSituation, useSituationStore } from '@/components/store/situation-provider';
import { useTickedFreshness } from '@/components/store/use-ticked-freshness';
import { AlarmCountTile } from '@/components/alerts/alarm-count-tile';

function Tile({
  id,
  label,
  value,
  sub,
  tone,
}: {
  id: string;
  label: string;
  value: string;
  sub?: string;
  tone?: string;
}) {
  return (
    <section className={`kpi ${tone ? `kpi-${tone}` : ''}`} aria-label={label}>
      <h2 className="kpi-label">{label}</h2>
      <p className="kpi-value" data-testid={`kpi-${id}`}>
        {value}
      </p>
      {sub ? <p className="kpi-sub">{sub}</p> : null}
    </section>
  );
}

const SUB_OF_PHASE = {
  live: 'kpi.live',
  stale: 'kpi.stale',
  connecting: 'kpi.connecting',
  reconnecting: 'kpi.notConnected',
} as const satisfies Record<ConnectionPhase, MessageKey>;

/** The headline figures. Greyed when the data is not live, so stale numbers never look current. */
export function KpiTiles() {
  const t = useT();
  const f = useFormat();
  const kpis = useSituation((s) => s.kpis);
  const phase = useSituation((s) => s.phase);
  const { now, freshness } = useTickedFreshness(useSituationStore());
  const age = dataAgeMs(freshness, now);
  const alerts = useSituation((s) => s.alerts);
  const alertsLoaded = useSituation((s) => s.alertsLoaded);
  return (
    <div className={`kpis ${phase === 'live' ? '' : 'is-stale'}`}>
      <Tile
        id="people-inside-venues"
        label={t('kpi.peopleInside')}
        value={kpis ? f.int(kpis.peopleInside) : '—'}
        sub={kpis ? t('kpi.venuesReporting', { n: kpis.venuesReporting }) : undefined}
      />
      <AlarmCountTile alerts={alerts} loaded={kpis !== null && alertsLoaded === true} />
      <Tile
        id="sensors-offline"
        label={t('kpi.sensorsOffline')}
        value={kpis ? f.int(kpis.sensorsOffline) : '—'}
        sub={kpis ? t('kpi.ofTotal', { n: f.int(kpis.sensorsTotal) }) : undefined}
        tone={kpis && kpis.sensorsOffline > 0 ? 'warn' : undefined}
      />
      <Tile
        id="messages-per-second"
        label={t('kpi.messagesPerSecond')}
        value={kpis ? f.int(kpis.messagesPerSecond) : '—'}
        sub={
          kpis && kpis.rejectedPerSecond > 0
            ? t('kpi.rejectedPerSecond', { n: f.int(kpis.rejectedPerSecond) })
            : t('kpi.noneRejected')
        }
      />
      <Tile
        id="data-age"
        label={t('kpi.dataAge')}
        value={f.age(age)}
        // A page opening is not an alarm (its figures are greyed meanwhile): a link lost or a feed stopped is.
        tone={phase === 'live' || phase === 'connecting' ? undefined : 'alarm'}
        sub={t(SUB_OF_PHASE[phase])}
      />
    </div>
  );
}
