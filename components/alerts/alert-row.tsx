'use client';

import { memo } from 'react';
import type { AlertView } from '@/lib/contracts/alerts';
import { Age } from '@/components/format/age';
import { alertStateLabel } from '@/components/format/format';

/** One alert as a line of a list read from across the room: severity, what, where, who has it, how old. */
export const AlertRow = memo(function AlertRow({ alert, showVenue = true }: { alert: AlertView; showVenue?: boolean }) {
  const classes = [
    'alert-row',
    `sev-${alert.severity}`,
    `is-${alert.status}`,
    alert.escalatedAt !== null && alert.status === 'open' ? 'is-escalated' : '',
  ];
  return (
    <li className={classes.join(' ')} data-alert-id={alert.id}>
      <span className="alert-sev">{alert.severity}</span>
      <span className="alert-title">
        {alert.title}
        {alert.count > 1 ? <small> ×{alert.count}</small> : null}
      </span>
      {showVenue ? <span className="alert-venue">{alert.venueName ?? 'All venues'}</span> : null}
      <span className="alert-state">{alertStateLabel(alert)}</span>
      <span className="alert-age">
        <Age since={alert.raisedAt} />
      </span>
    </li>
  );
});
