'use client';

import { useEffect, useState } from 'react';
import type { AlertEventView } from '@/lib/contracts/alerts';
import type { MessageKey } from '@/lib/i18n/translate';
import { useFormat, useT } from '@/components/i18n/i18n-provider';
import { deadline } from '@/components/net/deadline';

const SAID: Record<AlertEventView['action'], MessageKey> = {
  raised: 'trail.raised',
  repeated: 'trail.repeated',
  cleared: 'trail.cleared',
  escalated: 'trail.escalated',
  severity: 'trail.severity',
  acknowledge: 'trail.acknowledge',
  assign: 'trail.assign',
  resolve: 'trail.resolve',
  note: 'trail.note',
  chattering: 'trail.chattering',
  shelve: 'trail.shelve',
  unshelve: 'trail.unshelve',
  unshelved: 'trail.unshelved',
  out_of_service: 'trail.outOfService',
  returned_to_service: 'trail.returnedToService',
};

/**
 * An alert's audit trail, fetched when opened and again whenever the alert changes while it
 * is open: who did what and when, as the server recorded it.
 */
export function AlertTrail({ alertId, version }: { alertId: number; version: number }) {
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<AlertEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const f = useFormat();
  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    fetch(`/api/alerts/${alertId}`, { signal: deadline(abort.signal) })
      .then(async (res) => {
        if (!res.ok) throw new Error(t('trail.error', { status: res.status }));
        const body = (await res.json()) as { trail: AlertEventView[] };
        setTrail(body.trail);
        setError(null);
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e.message);
      });
    return () => abort.abort();
  }, [open, alertId, version, t]);
  return (
    <details className="alert-trail" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('trail.title')}</summary>
      {error ? <p className="form-error">{error}</p> : null}
      {trail ? (
        <ol>
          {trail.map((e) => (
            <li key={e.id}>
              <time>{f.clock(e.at)}</time> {e.actorName} · {t(SAID[e.action])}
              {e.note ? <q>{e.note}</q> : null}
            </li>
          ))}
        </ol>
      ) : open && !error ? (
        <p className="empty">{t('trail.loading')}</p>
      ) : null}
    </details>
  );
}
