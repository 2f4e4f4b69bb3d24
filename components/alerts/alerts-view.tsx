'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { SEVERITIES } from '@/lib/contracts/payloads.schema';
import { ConnectionState } from '@/components/panels/connection-badge';
import type { SessionUser } from '@/lib/contracts/alerts';
import { useUser } from '@/components/auth/user-context';
import { UserMenu } from '@/components/auth/user-menu';
import { alertsByUrgency } from '@/components/store/alert-map';
import { createAlertsStore } from '@/components/store/alerts-store';
import { connectStream } from '@/components/store/stream-connection';
import { AlertCard } from './alert-card';
import { useCriticalAlarm } from './use-critical-alarm';
import { SEVERITY_KEY } from '@/components/format/format';
import { useFormat, useT } from '@/components/i18n/i18n-provider';

const NOBODY: SessionUser[] = [];

/** For an admin, the people alerts can be handed to (fetched once); nobody for anyone else. */
function useAssignablePeople(): SessionUser[] {
  const user = useUser();
  const [people, setPeople] = useState<SessionUser[]>(NOBODY);
  useEffect(() => {
    if (user.role !== 'admin') return;
    const abort = new AbortController();
    fetch('/api/users', { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ users: SessionUser[] }>) : { users: NOBODY }))
      .then((b) => setPeople(b.users.filter((u) => u.role === 'responder' || u.role === 'admin')))
      .catch(() => undefined);
    return () => abort.abort();
  }, [user.role]);
  return people;
}

/**
 * The responder's phone: alerts by severity and age, a venue filter, large controls. Streams
 * only the alerts this user may see (`/api/stream?alerts`).
 */
export function AlertsView() {
  const [store] = useState(createAlertsStore);
  useEffect(() => connectStream(store, '/api/stream?alerts'), [store]);
  const alerts = useStore(store, (s) => s.alerts);
  const loaded = useStore(store, (s) => s.loaded);
  const phase = useStore(store, (s) => s.phase);
  const lastMessageAt = useStore(store, (s) => s.lastMessageAt);
  const feedAgeAtMessage = useStore(store, (s) => s.feedAgeAtMessage);
  const confirm = useStore(store, (s) => s.confirm);
  const [venue, setVenue] = useState('');
  const venueSelect = useId();
  const [showResolved, setShowResolved] = useState(false);
  const t = useT();
  const f = useFormat();

  const all = useMemo(() => alertsByUrgency(alerts), [alerts]);
  const venues = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of all) if (a.venueId) names.set(a.venueId, a.venueName ?? a.venueId);
    return [...names].sort((a, b) => a[1].localeCompare(b[1]));
  }, [all]);
  const shown = all.filter((a) => (venue === '' || a.venueId === venue) && (showResolved || a.status !== 'resolved'));
  const counts = SEVERITIES.map((s) => [s, all.filter((a) => a.severity === s && a.status === 'open').length] as const);
  const alarm = useCriticalAlarm(alerts, loaded);
  const people = useAssignablePeople();

  return (
    <div className="alerts-page" data-phase={phase}>
      <header className="alerts-header">
        <h1>{t('alerts.title')}</h1>
        <ConnectionState phase={phase} lastMessageAt={lastMessageAt} feedAgeAtMessage={feedAgeAtMessage} />
        <UserMenu alertsLink={false} />
      </header>
      <div className="alerts-filters">
        <p className="alerts-counts" aria-label={t('alerts.countsLabel')}>
          {counts.map(([s, n]) => (
            <span key={s} className={`count sev-${s}`}>
              {f.int(n)} {t(SEVERITY_KEY[s])}
            </span>
          ))}
        </p>
        <div className="venue-filter">
          {/* Labelled by "Venue" alone: an enclosing label would name it by its options too. */}
          <label htmlFor={venueSelect}>{t('alerts.venue')}</label>
          <select id={venueSelect} value={venue} onChange={(e) => setVenue(e.target.value)}>
            <option value="">{t('venue.all')}</option>
            {venues.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
          {t('alerts.showResolved')}
        </label>
        <label className="check">
          <input type="checkbox" checked={alarm.enabled} onChange={(e) => alarm.setEnabled(e.target.checked)} />
          {t('alerts.soundOption')}
        </label>
      </div>
      <div className="alerts-list">
        {!loaded ? (
          <p className="empty">{t('alerts.loading')}</p>
        ) : shown.length === 0 ? (
          <p className="empty">
            {t(
              showResolved
                ? venue
                  ? 'alerts.noneAtVenue'
                  : 'alerts.none'
                : venue
                  ? 'alerts.noneUnresolvedAtVenue'
                  : 'alerts.noneUnresolved',
            )}
          </p>
        ) : (
          shown.map((a) => <AlertCard key={a.id} alert={a} people={people} onConfirmed={confirm} />)
        )}
      </div>
    </div>
  );
}
