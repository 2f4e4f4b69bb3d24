import { describe, expect, it } from 'vitest';
import type { AlertView, SessionUser } from '../contracts/alerts';
import { alertView } from '../testing/fixtures';
import { transition } from './lifecycle';

const T = 1_800_000_000_000;
const liNa: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };
const zhang: SessionUser = { id: 'responder2', name: 'Zhang Min', role: 'responder', venues: null };
const admin: SessionUser = { id: 'admin', name: 'Zhou Jie', role: 'admin', venues: null };

const alert = (over: Partial<AlertView> = {}): AlertView =>
  alertView({
    id: 1,
    source: 'zone:v/gate-1',
    venueId: 'v',
    venueName: 'V',
    zoneId: 'gate-1',
    severity: 'critical',
    title: 'Gate 1: crowding at level of service F',
    raisedAt: T,
    lastRaisedAt: T,
    ...over,
  });

const at = T + 60_000;

describe('alert lifecycle', () => {
  it('open -> acknowledged -> assigned -> resolved, who and when at each step, version rising', () => {
    const a1 = transition(alert(), { action: 'acknowledge', actor: liNa, note: null, now: at });
    expect(a1).toMatchObject({
      kind: 'ok',
      alert: { status: 'acknowledged', acknowledgedBy: 'Li Na', acknowledgedAt: at, version: 2 },
    });
    if (a1.kind !== 'ok') throw new Error();
    const a2 = transition(a1.alert, { action: 'assign', actor: liNa, note: null, now: at + 1 });
    expect(a2).toMatchObject({ kind: 'ok', alert: { assignee: 'Li Na', assignedAt: at + 1, version: 3 } });
    if (a2.kind !== 'ok') throw new Error();
    expect(transition(a2.alert, { action: 'resolve', actor: liNa, note: null, now: at + 2 })).toEqual({
      kind: 'conflict',
      message: 'the condition is still present: resolve it once it has cleared',
    });
    const a3 = transition(
      { ...a2.alert, clearedAt: at + 1 },
      { action: 'resolve', actor: liNa, note: 'cleared the queue', now: at + 2 },
    );
    expect(a3).toMatchObject({
      kind: 'ok',
      alert: { status: 'resolved', resolvedBy: 'Li Na', resolvedAt: at + 2, version: 4 },
      events: [{ action: 'resolve', note: 'cleared the queue' }],
    });
  });

  it('a second acknowledgement is refused with who came first', () => {
    const acked = alert({ status: 'acknowledged', acknowledgedBy: 'Li Na', acknowledgedAt: at });
    const t = transition(acked, { action: 'acknowledge', actor: zhang, note: null, now: at + 5 });
    expect(t).toEqual({ kind: 'conflict', message: `already acknowledged by Li Na at ${new Date(at).toISOString()}` });
  });

  it('nothing but a note after resolution', () => {
    const resolved = alert({ status: 'resolved', resolvedBy: 'Li Na', resolvedAt: at });
    for (const action of ['acknowledge', 'assign', 'resolve'] as const) {
      expect(transition(resolved, { action, actor: zhang, note: null, now: at }).kind).toBe('conflict');
    }
    expect(transition(resolved, { action: 'note', actor: zhang, note: 'post-mortem', now: at })).toMatchObject({
      kind: 'ok',
      alert: resolved,
      events: [{ action: 'note', note: 'post-mortem' }],
    });
  });

  it('taking an open alert acknowledges it on the way; resolving an open one too', () => {
    const assign = transition(alert(), { action: 'assign', actor: liNa, note: null, now: at });
    expect(assign).toMatchObject({
      kind: 'ok',
      alert: { status: 'acknowledged', acknowledgedBy: 'Li Na', assignee: 'Li Na' },
      events: [{ action: 'acknowledge' }, { action: 'assign' }],
    });
    const resolve = transition(alert({ clearedAt: at }), { action: 'resolve', actor: liNa, note: null, now: at });
    expect(resolve).toMatchObject({ kind: 'ok', events: [{ action: 'acknowledge' }, { action: 'resolve' }] });
  });

  it('a responder cannot take an alert someone has; an admin can hand it over', () => {
    const taken = alert({ status: 'acknowledged', acknowledgedBy: 'Li Na', assignee: 'Li Na', assignedAt: at });
    expect(transition(taken, { action: 'assign', actor: zhang, note: null, now: at })).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('already assigned to Li Na'),
    });
    expect(
      transition(taken, {
        action: 'assign',
        actor: admin,
        assignee: { id: 'responder2', name: 'Zhang Min' },
        note: null,
        now: at,
      }),
    ).toMatchObject({
      kind: 'ok',
      alert: { assignee: 'Zhang Min' },
      events: [{ action: 'assign', note: 'assigned to Zhang Min' }],
    });
  });

  it('a cleared condition is not an acknowledgement: the alert stays open', () => {
    const cleared = alert({ clearedAt: at });
    expect(transition(cleared, { action: 'acknowledge', actor: liNa, note: null, now: at + 1 })).toMatchObject({
      kind: 'ok',
      alert: { status: 'acknowledged', clearedAt: at },
    });
  });
});
