/**
 * The alert lifecycle as pure transitions: open -> acknowledged -> (assigned) -> resolved,
 * plus notes at any point. The repository applies them inside a transaction that holds
 * the alert's row, so two people acting at once are decided here, one after the other.
 */
import type { AlertAction, AlertEventView, AlertView, SessionUser } from '../contracts/alerts';

export interface TransitionEvent {
  action: AlertEventView['action'];
  note: string | null;
}

export type Transition =
  | { kind: 'ok'; alert: AlertView; events: TransitionEvent[] }
  /** Someone else got there first, or the alert is past this step: tell the caller who and when. */
  | { kind: 'conflict'; message: string };

export interface ActionInput {
  action: AlertAction;
  actor: SessionUser;
  /** For assign: the user id to assign (already authorised). */
  assignee?: { id: string; name: string };
  /** For shelve: minutes (already checked against the rules' maximum); the note is the reason. */
  minutes?: number;
  note: string | null;
  now: number;
}

const when = (ms: number | null) => (ms === null ? '' : ` at ${new Date(ms).toISOString()}`);

function acknowledged(a: AlertView, actor: SessionUser, now: number): AlertView {
  return { ...a, status: 'acknowledged', acknowledgedBy: actor.name, acknowledgedAt: now, unacknowledgedSince: null };
}

export function transition(current: AlertView, input: ActionInput): Transition {
  const { action, actor, now, note } = input;
  if (current.status === 'resolved' && action !== 'note') {
    return { kind: 'conflict', message: `already resolved by ${current.resolvedBy}${when(current.resolvedAt)}` };
  }
  const bump = (a: AlertView): AlertView => ({ ...a, version: current.version + 1 });
  switch (action) {
    case 'acknowledge': {
      if (current.status !== 'open') {
        return {
          kind: 'conflict',
          message: `already acknowledged by ${current.acknowledgedBy}${when(current.acknowledgedAt)}`,
        };
      }
      return { kind: 'ok', alert: bump(acknowledged(current, actor, now)), events: [{ action, note }] };
    }
    case 'assign': {
      const to = input.assignee ?? { id: actor.id, name: actor.name };
      if (current.assignee === to.name) {
        return { kind: 'conflict', message: `already assigned to ${current.assignee}${when(current.assignedAt)}` };
      }
      // Taking an alert over from someone else is an admin's call (checked by permissions); a
      // responder claiming one that is taken is told who has it.
      if (current.assignee !== null && actor.role !== 'admin') {
        return { kind: 'conflict', message: `already assigned to ${current.assignee}${when(current.assignedAt)}` };
      }
      const events: TransitionEvent[] = [];
      let next = current;
      // Whoever takes an alert has seen it: an open one is acknowledged on the way.
      if (next.status === 'open') {
        next = acknowledged(next, actor, now);
        events.push({ action: 'acknowledge', note: null });
      }
      next = { ...next, assignee: to.name, assignedAt: now };
      events.push({ action: 'assign', note: note ?? (to.id === actor.id ? null : `assigned to ${to.name}`) });
      return { kind: 'ok', alert: bump(next), events };
    }
    case 'resolve': {
      // Resolved means dealt with: while the condition is still there, a resolution would only
      // be followed by the same alert raised again. Acknowledge and assign it meanwhile.
      if (current.clearedAt === null) {
        return { kind: 'conflict', message: 'the condition is still present: resolve it once it has cleared' };
      }
      const events: TransitionEvent[] = [];
      let next = current;
      if (next.status === 'open') {
        next = acknowledged(next, actor, now);
        events.push({ action: 'acknowledge', note: null });
      }
      next = { ...next, status: 'resolved', resolvedBy: actor.name, resolvedAt: now };
      events.push({ action: 'resolve', note });
      return { kind: 'ok', alert: bump(next), events };
    }
    case 'note': {
      // A note changes nothing about the alert but its trail.
      return { kind: 'ok', alert: current, events: [{ action, note }] };
    }
    case 'shelve': {
      const held = current.suppression;
      if (held) {
        const what = held.kind === 'shelved' ? 'shelved' : 'out of service';
        return {
          kind: 'conflict',
          message: `already ${what} by ${held.by}${held.until ? ` until${when(held.until)}` : ''}`,
        };
      }
      const until = now + (input.minutes ?? 0) * 60_000;
      const events: TransitionEvent[] = [];
      let next = current;
      // Whoever shelves an alarm has seen it.
      if (next.status === 'open') {
        next = acknowledged(next, actor, now);
        events.push({ action: 'acknowledge', note: null });
      }
      const reason = note ?? '';
      next = { ...next, suppression: { kind: 'shelved', shelfId: 0, by: actor.name, reason, until } };
      events.push({ action, note: `${reason} (until ${new Date(until).toISOString()})` });
      return { kind: 'ok', alert: bump(next), events };
    }
    case 'unshelve': {
      if (current.suppression?.kind !== 'shelved') return { kind: 'conflict', message: 'it is not shelved' };
      return { kind: 'ok', alert: bump({ ...current, suppression: null }), events: [{ action, note }] };
    }
  }
}
