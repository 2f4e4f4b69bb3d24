'use client';

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatAge, SEVERITY_RANK } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { useSituation } from '@/components/store/situation-provider';

/** Rows shown; the rest are counted. */
const MAX_ROWS = 12;

/** Open incidents, worst and oldest first; recently cleared ones after them, dimmed. */
export function IncidentTicker() {
  const { incidents, venues } = useSituation(useShallow((s) => ({ incidents: s.incidents, venues: s.venues })));
  const now = useNow(1000);
  const rows = useMemo(
    () =>
      Object.values(incidents).sort(
        (a, b) =>
          (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1) ||
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          a.raisedAt - b.raisedAt,
      ),
    [incidents],
  );
  const open = rows.filter((r) => r.state === 'open').length;
  return (
    <section className="panel ticker" aria-label="Incidents">
      <h2 className="panel-title">
        Incidents <span className="panel-count">{open} open</span>
      </h2>
      {rows.length === 0 ? (
        <p className="empty">No incidents reported.</p>
      ) : (
        <ol className="ticker-list">
          {rows.slice(0, MAX_ROWS).map((i) => (
            <li key={i.key} className={`ticker-row sev-${i.severity} ${i.state === 'cleared' ? 'is-cleared' : ''}`}>
              <span className="ticker-sev">{i.state === 'cleared' ? 'cleared' : i.severity}</span>
              <span className="ticker-title">{i.title}</span>
              <span className="ticker-venue">{venues[i.venueId]?.name.en ?? i.venueId}</span>
              <span className="ticker-age">{formatAge(now - i.raisedAt)}</span>
            </li>
          ))}
        </ol>
      )}
      {rows.length > MAX_ROWS ? <p className="ticker-more">+{rows.length - MAX_ROWS} more</p> : null}
    </section>
  );
}
