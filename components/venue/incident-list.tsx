'use client';

import { useMemo } from 'react';
import type { IncidentView } from '@/lib/contracts/stream';
import type { MessageKey } from '@/lib/i18n/translate';
import { Age } from '@/components/format/age';
import { incidentsByUrgency, SEVERITY_KEY } from '@/components/format/format';
import { useT } from '@/components/i18n/i18n-provider';
import { useVenue } from '@/components/store/venue-provider';

/** The venue's incidents (or those `where` keeps), open ones first, worst and oldest first. */
export function IncidentList({
  where,
  empty,
  label,
}: {
  where?: (i: IncidentView) => boolean;
  empty: string;
  label?: string;
}) {
  const t = useT();
  label ??= t('incidents.title');
  const incidents = useVenue((s) => s.incidents);
  const rows = useMemo(() => incidentsByUrgency(incidents).filter((i) => !where || where(i)), [incidents, where]);
  return (
    <section className="panel ticker venue-incidents" aria-label={label}>
      <h2 className="panel-title">
        {label}{' '}
        <span className="panel-count">{t('incidents.open', { n: rows.filter((r) => r.state === 'open').length })}</span>
      </h2>
      <ol className="ticker-list">
        {rows.length === 0 ? <li className="empty">{empty}</li> : null}
        {rows.map((i) => (
          <li key={i.key} className={`ticker-row sev-${i.severity} ${i.state === 'cleared' ? 'is-cleared' : ''}`}>
            <span className="ticker-sev">
              {i.state === 'cleared' ? t('incidents.cleared') : t(SEVERITY_KEY[i.severity])}
            </span>
            <span className="ticker-title">{i.title}</span>
            <span className="ticker-venue">{t(`incidentKind.${i.kind}` as MessageKey)}</span>
            <span className="ticker-age">
              <Age since={i.raisedAt} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
