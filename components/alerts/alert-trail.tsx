'use client';

import { useEffect, useState } from 'react';
import type { AlertEventView } from '@/lib/contracts/alerts';
import { formatClock } from '@/components/format/format';

const SAID: Record<AlertEventView['action'], string> = {
  raised: 'raised',
  repeated: 'raised again',
  cleared: 'condition cleared',
  escalated: 'escalated',
  severity: 'severity changed',
  acknowledge: 'acknowledged',
  assign: 'assigned',
  resolve: 'resolved',
  note: 'note',
};

/**
 * An alert's audit trail, fetched when opened and again whenever the alert changes while it
 * is open: who did what and when, as the server recorded it.
 */
export function AlertTrail({ alertId, version }: { alertId: number; version: number }) {
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<AlertEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    fetch(`/api/alerts/${alertId}`, { signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`the server answered ${res.status}`);
        const body = (await res.json()) as { trail: AlertEventView[] };
        setTrail(body.trail);
        setError(null);
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e.message);
      });
    return () => abort.abort();
  }, [open, alertId, version]);
  return (
    <details className="alert-trail" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {error ? <p className="form-error">{error}</p> : null}
      {trail ? (
        <ol>
          {trail.map((e) => (
            <li key={e.id}>
              <time>{formatClock(e.at)}</time> {e.actorName} · {SAID[e.action]}
              {e.note ? <q>{e.note}</q> : null}
            </li>
          ))}
        </ol>
      ) : open && !error ? (
        <p className="empty">Loading…</p>
      ) : null}
    </details>
  );
}
