'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { ConnectionState } from '@/components/panels/connection-badge';
import type { AlertView, SessionUser } from '@/lib/contracts/alerts';
import { alarmCounts } from '@/lib/contracts/alarm-counts';
import { SEVERITIES } from '@/lib/contracts/event-kinds';
import { useUser } from '@/components/auth/user-context';
import { UserMenu } from '@/components/auth/user-menu';
import { alertsByUrgency, type AlertMap } from '@/components/store/alert-map';
import { createAlertsStore } from '@/components/store/alerts-store';
import { connectStream } from '@/components/store/stream-connection';
import { AlertCard } from './alert-card';
import { ShelvedList } from './shelved-list';
import { useCriticalAlarm } from './use-critical-alarm';
import { SEVERITY_KEY } from '@/components/format/format';
import { useFormat, useT } from '@/components/i18n/i18n-provider';
import { deadline } from '@/components/net/deadline';

const NOBODY: SessionUser[] = [];

/** For an admin, the people alerts can be handed to (fetched once); nobody for anyone else. */
function useAssignablePeople(): SessionUser[] {
  const user = useUser();
  const [people, setPeople] = useState<SessionUser[]>(NOBODY);
  useEffect(() => {
    if (user.role !== 'admin') return;
    const abort = new AbortController();
    fetch('/api/users', { signal: deadline(abort.signal) })
      .then((r) => (r.ok ? (r.json() as Promise<{ users: SessionUser[] }>) : { users: NOBODY }))
      .then((b) => setPeople(b.users.filter((u) => u.role === 'responder' || u.role === 'admin')))
      .catch(() => undefined);
    return () => abort.abort();
  }, [user.role]);
  return people;
}

/**
 * The list as the person last arranged it: cards keep their places while alerts change under
 * them (an acted card stays where it was tapped), new ones join at the bottom, and the list is
 * sorted by urgency again only when the person asks (or changes a filter).
 */
function useSteadyOrder(current: AlertView[], all: AlertMap, resetKey: string) {
  const [order, setOrder] = useState<number[] | null>(null);
  const [generation, setGeneration] = useState(0);
  const [arrangedFor, setArrangedFor] = useState(resetKey);
  const ids = current.map((a) => a.id);
  // A new filter, or a list with nothing on it yet, is arranged afresh (state from the last render).
  if (arrangedFor !== resetKey || order === null || (order.length === 0 && ids.length > 0)) {
    setArrangedFor(resetKey);
    setOrder(ids);
  }
  const refresh = () => {
    setOrder(ids);
    setGeneration((g) => g + 1);
  };
  const listed = new Set(ids);
  // A card that left the list (resolved by someone else, say) stays in its place, marked, until refresh.
  const placed = new Set(order ?? []);
  // New alerts join at the bottom, where they move nothing; the bar offers to sort them in.
  const arrived = ids.filter((id) => !placed.has(id));
  const shown = [...(order ?? []), ...arrived].flatMap((id) =>
    all[id] ? [{ alert: all[id], listed: listed.has(id) }] : [],
  );
  return { shown, waiting: arrived.length, refresh, generation };
}

/**
 * The responder's phone: alerts by severity and age, a venue filter, "mine", large controls.
 * Streams only the alerts this user may see (`/api/stream?alerts`).
 */
export function AlertsView() {
  const [store] = useState(createAlertsStore);
  useEffect(() => connectStream(store, '/api/stream?alerts'), [store]);
  const alerts = useStore(store, (s) => s.alerts);
  const loaded = useStore(store, (s) => s.loaded);
  const alertsLoaded = useStore(store, (s) => s.alertsLoaded);
  const phase = useStore(store, (s) => s.phase);
  const confirm = useStore(store, (s) => s.confirm);
  const [venue, setVenue] = useState('');
  const venueSelect = useId();
  const [showResolved, setShowResolved] = useState(false);
  const [mine, setMine] = useState(false);
  const user = useUser();
  const t = useT();
  const f = useFormat();

  const all = useMemo(() => alertsByUrgency(alerts), [alerts]);
  const venues = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of all) if (a.venueId) names.set(a.venueId, a.venueName ?? a.venueId);
    return [...names].sort((a, b) => a[1].localeCompare(b[1]));
  }, [all]);
  // Counts follow the filters: they say what the list below holds.
  const filtered = all.filter((a) => (venue === '' || a.venueId === venue) && (!mine || a.assignee === user.name));
  const current = filtered.filter((a) => showResolved || a.status !== 'resolved');
  const unacknowledged = alarmCounts(filtered).unacknowledged;
  const counts = SEVERITIES.map((s) => [s, unacknowledged[s]] as const);
  const { shown, waiting, refresh, generation } = useSteadyOrder(current, alerts, `${venue}|${mine}|${showResolved}`);
  const alarm = useCriticalAlarm(alerts, loaded);
  const people = useAssignablePeople();

  return (
    <div className="alerts-page" data-phase={phase}>
      <header className="alerts-header">
        <h1>{t('alerts.title')}</h1>
        <ConnectionState phase={phase} store={store} />
        <UserMenu alertsLink={false} />
      </header>
      <div className="alerts-filters">
        <p className="alerts-counts" aria-label={t('alerts.countsLabel')}>
          {counts.map(([s, n]) => (
            <span key={s} className={`count sev-${s}`}>
              {alertsLoaded ? f.int(n) : '—'} {t(SEVERITY_KEY[s])}
            </span>
          ))}
        </p>
        <div className="whose" role="group" aria-label={t('alerts.showLabel')}>
          <button type="button" className="button" aria-pressed={!mine} onClick={() => setMine(false)}>
            {t('alerts.everyone')}
          </button>
          <button type="button" className="button" aria-pressed={mine} onClick={() => setMine(true)}>
            {t('alerts.mine')}
          </button>
        </div>
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
      <ShelvedList />
      {/* Always the same height, so its appearing never moves a card under a thumb. */}
      <div className="alerts-refresh">
        {waiting > 0 ? (
          <button type="button" className="button primary" onClick={refresh}>
            {t('alerts.newAlerts', { n: waiting })}
          </button>
        ) : null}
      </div>
      <div className="alerts-list">
        {!loaded ? (
          <p className="empty">{t('alerts.loading')}</p>
        ) : !alertsLoaded ? (
          <p className="empty alerts-starting">{t('alerts.starting')}</p>
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
          shown.map(({ alert, listed }) => (
            <div key={`${alert.id}-${generation}`} className={listed ? undefined : 'is-unlisted'}>
              <AlertCard alert={alert} people={people} onConfirmed={confirm} />
              {listed ? null : <p className="alert-hint">{t('alerts.gone')}</p>}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
