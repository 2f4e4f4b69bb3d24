'use client';

import { useEffect, useState } from 'react';
import type { AlarmShelf } from '@/lib/contracts/alerts';
import { useUser } from '@/components/auth/user-context';
import { useFormat, useT } from '@/components/i18n/i18n-provider';
import { useVenueName } from '@/components/store/venue-names';
import { useAlertText } from './use-alert-text';
import { deadline } from '@/components/net/deadline';

/** What was put aside, in words: the alarm's text and its venue; the source id only if no alarm names it. */
function ShelfSubject({ shelf }: { shelf: AlarmShelf }) {
  const text = useAlertText();
  const venue = useVenueName(shelf.venueId, shelf.alarm?.venueName ?? null);
  const what = shelf.alarm ? text(shelf.alarm) : shelf.source;
  return <>{venue ? `${what} · ${venue}` : what}</>;
}

/**
 * What people have put aside (ISA-18.2): alarms shelved, with who, why and until when, and
 * sources out of service, which an admin returns from here. Read from the server when opened
 * and every few seconds while open.
 */
export function ShelvedList() {
  const t = useT();
  const f = useFormat();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [shelves, setShelves] = useState<AlarmShelf[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const load = () =>
      fetch('/api/shelves', { signal: deadline() })
        .then(async (res) => {
          if (!res.ok) throw new Error(`refused (${res.status})`);
          return ((await res.json()) as { shelves: AlarmShelf[] }).shelves;
        })
        .then(
          (list) => {
            if (!live) return;
            setError(null);
            setShelves(list);
          },
          (err: Error) => live && setError(err.message),
        );
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [open, asked]);

  const giveBack = async (id: number) => {
    const res = await fetch(`/api/out-of-service/${id}/return`, { method: 'POST', signal: deadline() }).catch(
      () => null,
    );
    if (!res?.ok) setError(((await res?.json().catch(() => ({}))) as { error?: string })?.error ?? 'refused');
    setAsked((n) => n + 1);
  };

  return (
    <details className="shelved-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('alerts.shelvedTitle')}</summary>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {shelves === null ? null : shelves.length === 0 ? (
        <p className="empty">{t('alerts.shelvedNone')}</p>
      ) : (
        <ul>
          {shelves.map((s) => (
            <li key={s.id} data-shelf-id={s.id}>
              <strong>{s.kind === 'shelved' ? t('alerts.shelvedTab') : t('action.outOfService')}</strong>{' '}
              <ShelfSubject shelf={s} /> · {s.by} ·{' '}
              {s.until ? t('shelf.until', { time: f.hm(s.until) }) : t('shelf.untilReturned')}
              <br />
              <span className="alert-hint">{s.reason}</span>
              {s.kind === 'out_of_service' && user.role === 'admin' ? (
                <button type="button" className="button" onClick={() => void giveBack(s.id)}>
                  {t('alerts.returnToService')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
