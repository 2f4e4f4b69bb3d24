'use client';

import { useShallow } from 'zustand/react/shallow';
import { formatAge, formatInt, SEVERITY_ORDER } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { useSituation } from '@/components/store/situation-provider';

function Tile({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: string }) {
  return (
    <section className={`kpi ${tone ? `kpi-${tone}` : ''}`} aria-label={label}>
      <h2 className="kpi-label">{label}</h2>
      <p className="kpi-value" data-testid={`kpi-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
        {value}
      </p>
      {sub ? <p className="kpi-sub">{sub}</p> : null}
    </section>
  );
}

/** The headline figures. Greyed when the data is not live, so stale numbers never look current. */
export function KpiTiles() {
  const kpis = useSituation((s) => s.kpis);
  const { phase, lastMessageAt, feedAge } = useSituation(
    useShallow((s) => ({ phase: s.phase, lastMessageAt: s.lastMessageAt, feedAge: s.feedAgeAtMessage })),
  );
  const now = useNow(1000);
  const age = feedAge === null || lastMessageAt === 0 ? null : feedAge + (now - lastMessageAt);
  const open = kpis?.openIncidents;
  const openTotal = open ? SEVERITY_ORDER.reduce((a, s) => a + open[s], 0) : 0;
  return (
    <div className={`kpis ${phase === 'live' ? '' : 'is-stale'}`}>
      <Tile
        label="People inside venues"
        value={kpis ? formatInt(kpis.peopleInside) : '—'}
        sub={kpis ? `${kpis.venuesReporting} venues reporting` : undefined}
      />
      <section className="kpi kpi-incidents" aria-label="Open incidents">
        <h2 className="kpi-label">Open incidents</h2>
        <p className="kpi-value" data-testid="kpi-open-incidents">
          {kpis ? formatInt(openTotal) : '—'}
        </p>
        <ul className="severity-counts">
          {SEVERITY_ORDER.map((s) => (
            <li key={s} className={`sev sev-${s}`}>
              <span className="sev-n">{open ? open[s] : '—'}</span> {s}
            </li>
          ))}
        </ul>
      </section>
      <Tile
        label="Sensors offline"
        value={kpis ? formatInt(kpis.sensorsOffline) : '—'}
        sub={kpis ? `of ${formatInt(kpis.sensorsTotal)}` : undefined}
        tone={kpis && kpis.sensorsOffline > 0 ? 'warn' : undefined}
      />
      <Tile
        label="Messages per second"
        value={kpis ? formatInt(kpis.messagesPerSecond) : '—'}
        sub={kpis && kpis.rejectedPerSecond > 0 ? `${formatInt(kpis.rejectedPerSecond)}/s rejected` : 'none rejected'}
      />
      <Tile
        label="Data age"
        value={formatAge(age)}
        tone={phase === 'live' ? undefined : 'alarm'}
        sub={phase === 'live' ? 'live' : phase}
      />
    </div>
  );
}
