'use client';

import { useMemo } from 'react';
import type { IncidentView } from '@/lib/contracts/stream';
import { Age } from '@/components/format/age';
import { incidentsByUrgency } from '@/components/format/format';
import { useVenue } from '@/components/store/venue-provider';

/** The venue's incidents (or those `where` keeps), open ones first, worst and oldest first. */
export function IncidentList({
  where,
  empty,
  label = 'Incidents',
}: {
  where?: (i: IncidentView) => boolean;
  empty: string;
  label?: string;
}) {
  const incidents = useVenue((s) => s.incidents);
  const rows = useMemo(() => incidentsByUrgency(incidents).filter((i) => !where || where(i)), [incidents, where]);
  return (
    <section className="panel ticker venue-incidents" aria-label={label}>
      <h2 className="panel-title">
        {label} <span className="panel-count">{rows.filter((r) => r.state === 'open').length} open</span>
      </h2>
      <ol className="ticker-list">
        {rows.length === 0 ? <li className="empty">{empty}</li> : null}
        {rows.map((i) => (
          <li key={i.key} className={`ticker-row sev-${i.severity} ${i.state === 'cleared' ? 'is-cleared' : ''}`}>
            <span className="ticker-sev">{i.state === 'cleared' ? 'cleared' : i.severity}</span>
            <span className="ticker-title">{i.title}</span>
            <span className="ticker-venue">{i.kind.replace(/_/g, ' ')}</span>
            <span className="ticker-age">
              <Age since={i.raisedAt} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
