'use client';

import { reloadTo } from '@/components/auth/reload-to';
import { memo, useState } from 'react';
import { allowedActions } from '@/lib/auth/permissions';
import { MAX_NOTE_LENGTH, type AlertAction, type AlertView, type SessionUser } from '@/lib/contracts/alerts';
import { useUser } from '@/components/auth/user-context';
import { Age } from '@/components/format/age';
import { alertStateLabel, ROLE_KEY, SEVERITY_KEY } from '@/components/format/format';
import { useFormat, useT } from '@/components/i18n/i18n-provider';
import { useVenueName } from '@/components/store/venue-names';
import type { MessageKey } from '@/lib/i18n/translate';
import { AlertTrail } from './alert-trail';
import { useAlertText } from './use-alert-text';
import { sendAlertAction, type ActionResult } from './send-alert-action';
import { deadline } from '@/components/net/deadline';

/** What a control that has done its work says, in the place where it was tapped. */
const DONE: Record<Exclude<AlertAction, 'note'>, MessageKey> = {
  acknowledge: 'action.done.acknowledge',
  assign: 'action.done.assign',
  resolve: 'action.done.resolve',
  shelve: 'action.done.shelve',
  unshelve: 'action.done.unshelve',
};

/** Shelf lengths offered (the server refuses any above the rules' maximum). */
const SHELF_MINUTES = [15, 30, 60, 120, 240, 480];

const VERB: Record<AlertAction, [idle: MessageKey, busy: MessageKey]> = {
  acknowledge: ['action.acknowledge', 'action.acknowledging'],
  assign: ['action.assign', 'action.assigning'],
  resolve: ['action.resolve', 'action.resolving'],
  note: ['action.note', 'action.noting'],
  shelve: ['action.shelve', 'action.shelving'],
  unshelve: ['action.unshelve', 'action.unshelving'],
};

/** Put an alarm aside for a while, with a reason (ISA-18.2 shelving): it comes back by itself. */
function ShelveForm({
  disabled,
  onShelve,
}: {
  disabled: boolean;
  onShelve: (minutes: number, reason: string) => void;
}) {
  const t = useT();
  const [minutes, setMinutes] = useState(60);
  const [reason, setReason] = useState('');
  return (
    <details className="alert-note">
      <summary>{t('action.shelveOpen')}</summary>
      <div className="alert-note-form">
        <label>
          {t('action.shelveFor')}
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {SHELF_MINUTES.map((m) => (
              <option key={m} value={m}>
                {t('action.minutes', { n: m })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('action.shelveReason')}
          <input value={reason} maxLength={MAX_NOTE_LENGTH} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button
          type="button"
          className="button big"
          disabled={disabled || reason.trim() === ''}
          onClick={() => onShelve(minutes, reason.trim())}
        >
          {t('action.shelve')}
        </button>
      </div>
    </details>
  );
}

/** An admin takes the alarm's source out of service (maintenance): every alarm of it, until returned. */
function OutOfServiceForm({ source, onDone }: { source: string; onDone: (message: string | null) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const res = await fetch('/api/out-of-service', {
      method: 'POST',
      signal: deadline(),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ source, reason: reason.trim() }),
    }).catch(() => null);
    setBusy(false);
    const answer = res ? ((await res.json().catch(() => ({}))) as { error?: string }) : { error: 'no answer' };
    onDone(res?.ok ? null : (answer.error ?? `refused (${res?.status})`));
  };
  return (
    <details className="alert-note">
      <summary>{t('action.outOfServiceOpen')}</summary>
      <div className="alert-note-form">
        <label>
          {t('action.shelveReason')}
          <input value={reason} maxLength={MAX_NOTE_LENGTH} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" className="button big" disabled={busy || reason.trim() === ''} onClick={send}>
          {t('action.outOfService')}
        </button>
      </div>
    </details>
  );
}

/**
 * One alert on a responder's phone, with the actions this user may take. A control shows the
 * new state only once the server has recorded it (the store takes the server's answer); until
 * then it says it is sending, and a refusal says why and who got there first.
 */
/** An admin hands an alert to someone. */
function AssignTo({
  people,
  disabled,
  onAssign,
}: {
  people: SessionUser[];
  disabled: boolean;
  onAssign: (userId: string) => void;
}) {
  const [to, setTo] = useState('');
  const t = useT();
  return (
    <div className="alert-assign">
      <label>
        {t('action.assignTo')}
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('action.choosePerson')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({t(ROLE_KEY[p.role])})
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button big" disabled={disabled || to === ''} onClick={() => onAssign(to)}>
        {t('action.assignButton')}
      </button>
    </div>
  );
}

export const AlertCard = memo(function AlertCard({
  alert,
  people,
  onConfirmed,
}: {
  alert: AlertView;
  /** Whom an admin may assign alerts to (empty for everyone else). */
  people: SessionUser[];
  onConfirmed: (a: AlertView) => void;
}) {
  const user = useUser();
  const t = useT();
  const text = useAlertText();
  const f = useFormat();
  const venueName = useVenueName(alert.venueId, alert.venueName);
  const may = allowedActions(user);
  const [pending, setPending] = useState<AlertAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [note, setNote] = useState('');
  /**
   * The controls as they were when this person last acted: each keeps its place (a done one says
   * so, disabled), so a second tap on the same spot acts on nothing. The list resets them on refresh.
   */
  const [slots, setSlots] = useState<AlertAction[] | null>(null);

  const run = async (action: AlertAction, extra: { assignee?: string; minutes?: number } = {}, reason?: string) => {
    const before = show;
    setPending(action);
    setMessage(null);
    const result: ActionResult = await sendAlertAction(alert.id, action, reason ?? (note.trim() || null), extra);
    setPending(null);
    if (result.ok) {
      if (action !== 'note') setSlots((held) => held ?? before);
      onConfirmed(result.alert);
      setNote('');
    } else {
      if (result.alert) onConfirmed(result.alert);
      if (result.signedOut) reloadTo('/login?next=/alerts');
      setMessage(result.message);
    }
  };

  const resolved = alert.status === 'resolved';
  const show: AlertAction[] = [];
  if (alert.status === 'open' && may.includes('acknowledge')) show.push('acknowledge');
  if (!resolved && alert.assignee === null && may.includes('assign')) show.push('assign');
  if (!resolved && alert.clearedAt !== null && may.includes('resolve')) show.push('resolve');
  if (alert.suppression?.kind === 'shelved' && may.includes('unshelve')) show.push('unshelve');
  const resolveLater = !resolved && alert.clearedAt === null && may.includes('resolve');
  const escalated = alert.escalatedAt !== null && alert.status === 'open';
  const controls = slots ? [...slots, ...show.filter((a) => !slots.includes(a))] : show;

  return (
    <article
      className={`alert-card sev-${alert.severity} is-${alert.status}${escalated ? ' is-escalated' : ''}`}
      aria-label={t('alert.cardLabel', { severity: t(SEVERITY_KEY[alert.severity]), title: text(alert) })}
      data-alert-id={alert.id}
    >
      <header>
        <span className="alert-sev">{t(SEVERITY_KEY[alert.severity])}</span>
        <span className="alert-age" title={t('alert.raisedAt', { time: f.hm(alert.raisedAt) })}>
          <Age since={alert.raisedAt} />
        </span>
      </header>
      <h2 className="alert-card-title">
        {text(alert)}
        {alert.count > 1 ? <small> ×{alert.count}</small> : null}
      </h2>
      {alert.chatteringSince !== null ? <p className="alert-mark">{t('alert.chattering')}</p> : null}
      {alert.suppression ? (
        <p className="alert-mark">
          {alert.suppression.kind === 'shelved'
            ? t('alert.shelved', {
                who: alert.suppression.by,
                until: alert.suppression.until ? f.hm(alert.suppression.until) : '',
                reason: alert.suppression.reason,
              })
            : t('alert.outOfService', { who: alert.suppression.by, reason: alert.suppression.reason })}
        </p>
      ) : null}
      {alert.consequences ? (
        <details className="alert-consequences">
          <summary>{t('alert.consequences', { n: alert.consequences.count })}</summary>
          <ul>
            {alert.consequences.examples.map((c) => (
              <li key={`${c.type}|${c.source}`}>{text({ title: c.source, message: c.message })}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="alert-venue">{venueName ?? t('venue.all')}</p>
      <p className="alert-state" role="status">
        {alertStateLabel(alert, t)}
      </p>
      {controls.length > 0 || (may.includes('note') && !resolved) ? (
        <div className="alert-actions">
          {controls.map((action) =>
            show.includes(action) ? (
              <button
                key={action}
                type="button"
                className={`button big${action === 'acknowledge' ? ' primary' : ''}`}
                disabled={pending !== null}
                onClick={() => run(action)}
              >
                {t(VERB[action][pending === action ? 1 : 0])}
              </button>
            ) : (
              <button key={action} type="button" className="button big is-done" disabled>
                {action === 'note' ? '' : t(DONE[action])}
              </button>
            ),
          )}
          {user.role === 'admin' && !resolved && people.length > 0 ? (
            <AssignTo people={people} disabled={pending !== null} onAssign={(id) => run('assign', { assignee: id })} />
          ) : null}
          {resolveLater ? <p className="alert-hint">{t('action.resolveLater')}</p> : null}
          {!resolved && alert.suppression === null && may.includes('shelve') ? (
            <ShelveForm
              disabled={pending !== null}
              onShelve={(minutes, reason) => run('shelve', { minutes }, reason)}
            />
          ) : null}
          {!resolved && alert.suppression?.kind !== 'out_of_service' && user.role === 'admin' ? (
            <OutOfServiceForm source={alert.source} onDone={setMessage} />
          ) : null}
          {may.includes('note') ? (
            <details className="alert-note">
              <summary>{t('action.addNote')}</summary>
              <div className="alert-note-form">
                <label>
                  {t('action.noteLabel')}
                  <textarea
                    value={note}
                    maxLength={MAX_NOTE_LENGTH}
                    rows={2}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder={t('action.notePlaceholder')}
                  />
                </label>
                <button
                  type="button"
                  className="button big"
                  disabled={pending !== null || note.trim() === ''}
                  onClick={() => run('note')}
                >
                  {t(VERB.note[pending === 'note' ? 1 : 0])}
                </button>
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      <AlertTrail alertId={alert.id} version={alert.version} />
    </article>
  );
});
