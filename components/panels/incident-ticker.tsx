'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatAge, incidentsByUrgency } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { useSituation } from '@/components/store/situation-provider';

/** Rows shown at most; the rest are counted. */
const MAX_ROWS = 12;
/** Where the wall stacks its panels and the page scrolls (matches app/globals.css). */
const STACKED = '(max-width: 1279px), (max-height: 799px)';

/**
 * How many whole rows fit the list's height on a wall, so none is cut in half and the
 * "+N more" line is true. Stacked layouts grow with their content instead.
 */
function useRowsThatFit(list: React.RefObject<HTMLOListElement | null>, hasRows: boolean): number {
  const [fit, setFit] = useState(MAX_ROWS);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      if (window.matchMedia(STACKED).matches) return setFit(MAX_ROWS);
      const row = el.querySelector<HTMLElement>('.ticker-row');
      if (!row) return setFit(MAX_ROWS);
      const rowHeight = row.offsetHeight;
      setFit(Math.max(1, Math.min(MAX_ROWS, Math.floor(el.clientHeight / rowHeight))));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [list, hasRows]);
  return fit;
}

/** Open incidents, worst and oldest first; recently cleared ones after them, dimmed. */
export function IncidentTicker() {
  const { incidents, venues } = useSituation(useShallow((s) => ({ incidents: s.incidents, venues: s.venues })));
  const now = useNow(1000);
  const rows = useMemo(() => incidentsByUrgency(incidents), [incidents]);
  const open = rows.filter((r) => r.state === 'open').length;
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, rows.length > 0);
  return (
    <section className="panel ticker" aria-label="Incidents">
      <h2 className="panel-title">
        Incidents <span className="panel-count">{open} open</span>
      </h2>
      <ol className="ticker-list" ref={list}>
        {rows.length === 0 ? (
          <li className="empty">No incidents reported.</li>
        ) : (
          rows.slice(0, fit).map((i) => (
            <li key={i.key} className={`ticker-row sev-${i.severity} ${i.state === 'cleared' ? 'is-cleared' : ''}`}>
              <span className="ticker-sev">{i.state === 'cleared' ? 'cleared' : i.severity}</span>
              <span className="ticker-title">{i.title}</span>
              <span className="ticker-venue">{venues[i.venueId]?.name.en ?? i.venueId}</span>
              <span className="ticker-age">{formatAge(now - i.raisedAt)}</span>
            </li>
          ))
        )}
      </ol>
      {rows.length > fit ? <p className="ticker-more">+{rows.length - fit} more</p> : null}
    </section>
  );
}
