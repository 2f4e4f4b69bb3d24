'use client';

import { memo } from 'react';
import type { AlertView } from '@/lib/contracts/alerts';
import { Age } from '@/components/format/age';
import { alertStateLabel, SEVERITY_KEY } from '@/components/format/format';
import { FittedText } from '@/components/format/fitted-text';
import { useLocale, useT } from '@/components/i18n/i18n-provider';
import { boardName } from '@/components/panels/board-name';
import { useVenueName } from '@/components/store/venue-names';
import { useAlertText } from './use-alert-text';

/** One alert as a line of a list read from across the room: severity, what, where, who has it, how old. */
export const AlertRow = memo(function AlertRow({ alert, showVenue = true }: { alert: AlertView; showVenue?: boolean }) {
  const t = useT();
  const text = useAlertText();
  const locale = useLocale();
  const venueName = useVenueName(alert.venueId, alert.venueName) ?? t('venue.all');
  // Every language but Chinese names venues in English; the Chinese names are short already.
  const venueShort = locale === 'zh' || alert.venueId === null ? venueName : boardName(venueName, '');
  const words = text(alert);
  const classes = [
    'alert-row',
    `sev-${alert.severity}`,
    `is-${alert.status}`,
    alert.escalatedAt !== null && alert.status === 'open' ? 'is-escalated' : '',
  ];
  return (
    <li className={classes.join(' ')} data-alert-id={alert.id} data-venue-id={alert.venueId ?? undefined}>
      <span className="alert-sev">{t(SEVERITY_KEY[alert.severity])}</span>
      {/* The text apart from its marks: a wall sized for its room gives it a bounded number of lines (the full
          text is the tooltip here and whole on /alerts), and the marks a line of their own. */}
      <span className="alert-title" title={words}>
        <span className="alert-text">
          {words}
          {alert.count > 1 ? <small> ×{alert.count}</small> : null}
        </span>
        {alert.chatteringSince !== null ? <small className="alert-mark"> {t('alert.chattering')}</small> : null}
        {alert.consequences ? (
          <small className="alert-mark"> {t('alert.consequences', { n: alert.consequences.count })}</small>
        ) : null}
      </span>
      {/* Where: whole, or abbreviated deliberately where the row has no room for it, never cut mid-word. */}
      {showVenue ? <FittedText className="alert-venue" full={venueName} short={venueShort} /> : null}
      <span className="alert-state">{alertStateLabel(alert, t)}</span>
      <span className="alert-age">
        <Age since={alert.raisedAt} />
      </span>
    </li>
  );
});
