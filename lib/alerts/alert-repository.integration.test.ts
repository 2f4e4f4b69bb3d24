/**
 * Alerts in a real database: raising and counting up, clearing, the lifecycle with its
 * audit trail, idempotent retries and two people acting at once. One suite, run against
 * the embedded PGlite and the PostgreSQL on 127.0.0.1:5432.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../contracts/alerts';
import type { Database } from '../db/database';
import { TEST_DATABASES, type TestDatabase } from '../testing/test-databases';
import { actOnAlert, alertTrail, clearAlert, loadCurrentAlerts, raiseCondition } from './alert-repository';
import type { RaisedCondition } from './alert-repository';

const T = 1_800_000_000_000;
const liNa: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };
const zhangMin: SessionUser = { id: 'responder2', name: 'Zhang Min', role: 'responder', venues: null };
const otherManager: SessionUser = { id: 'mgr', name: 'Wang Fang', role: 'venue_manager', venues: ['other-venue'] };

let n = 0;
function condition(over: Partial<RaisedCondition> = {}): RaisedCondition {
  n++;
  return {
    source: `zone:test-arena/gate-${n}`,
    type: 'zone_level_of_service',
    venueId: 'test-arena',
    venueName: 'Test Arena',
    zoneId: `gate-${n}`,
    sensorId: null,
    severity: 'critical',
    title: `Gate ${n}: crowding at level of service F`,
    ...over,
  };
}

const act = (
  db: Database,
  alertId: number,
  actor: SessionUser,
  action: 'acknowledge' | 'resolve' | 'assign' | 'note',
  requestId = `r-${Math.random().toString(36).slice(2, 12)}`,
  note: string | null = null,
) => actOnAlert(db, { alertId, action, requestId, note, actor, now: T + 60_000 });

describe.each(TEST_DATABASES)('alerts in $name', ({ make }) => {
  let target: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    target = await make();
    db = await target.open();
  });
  afterAll(async () => {
    await target.drop();
  });

  it('raises one alert per source and type; a repeat after clearing counts up instead of piling up', async () => {
    const c = condition();
    const first = await raiseCondition(db, c, T);
    expect(first).toMatchObject({ status: 'open', count: 1, clearedAt: null, severity: 'critical' });
    expect(await raiseCondition(db, c, T + 1000)).toBeNull();
    const cleared = await clearAlert(db, first!.id, T + 2000);
    expect(cleared?.clearedAt).toBe(T + 2000);
    // Cleared is not acknowledged: it still wants a person.
    expect(cleared?.status).toBe('open');
    const again = await raiseCondition(db, c, T + 3000);
    expect(again).toMatchObject({ id: first!.id, count: 2, clearedAt: null });
    const current = (await loadCurrentAlerts(db, T + 3000)).filter((a) => a.source === c.source);
    expect(current).toHaveLength(1);
    expect((await alertTrail(db, first!.id)).map((e) => e.action)).toEqual(['raised', 'cleared', 'repeated']);
  });

  it('acknowledge, assign, resolve: who and when at every step, in an audit trail nobody can edit', async () => {
    const a = (await raiseCondition(db, condition(), T))!;
    const ack = await act(db, a.id, liNa, 'acknowledge', undefined, 'on my way');
    expect(ack).toMatchObject({ status: 200, alert: { status: 'acknowledged', acknowledgedBy: 'Li Na' } });
    const assigned = await act(db, a.id, liNa, 'assign');
    expect(assigned).toMatchObject({ status: 200, alert: { assignee: 'Li Na' } });
    const taken = await act(db, a.id, zhangMin, 'assign');
    expect(taken).toMatchObject({ status: 409, error: expect.stringContaining('already assigned to Li Na') });
    expect(await act(db, a.id, liNa, 'resolve')).toMatchObject({
      status: 409,
      error: expect.stringContaining('still present'),
    });
    await clearAlert(db, a.id, T + 30_000);
    const resolved = await act(db, a.id, liNa, 'resolve', undefined, 'gate reopened');
    expect(resolved).toMatchObject({ status: 200, alert: { status: 'resolved', resolvedBy: 'Li Na' } });
    expect(await act(db, a.id, zhangMin, 'acknowledge')).toMatchObject({ status: 409 });

    const trail = await alertTrail(db, a.id);
    expect(trail.map((e) => [e.action, e.actorName, e.note])).toEqual([
      ['raised', 'Rules', null],
      ['acknowledge', 'Li Na', 'on my way'],
      ['assign', 'Li Na', null],
      ['cleared', 'Rules', null],
      ['resolve', 'Li Na', 'gate reopened'],
    ]);
    await expect(db.query('update alert_events set note = $1 where alert_id = $2', ['edited', a.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('delete from alert_events where alert_id = $1', [a.id])).rejects.toThrow(/append-only/);

    // Resolved, the same condition raises a new alert.
    const next = await raiseCondition(db, { ...condition(), source: a.source }, T + 120_000);
    expect(next?.id).not.toBe(a.id);
  });

  it('a retried request acts once and gets the same answer', async () => {
    const a = (await raiseCondition(db, condition(), T))!;
    const first = await act(db, a.id, liNa, 'acknowledge', 'retry-1234');
    const retry = await act(db, a.id, liNa, 'acknowledge', 'retry-1234');
    expect(retry).toEqual(first);
    const [x, y] = await Promise.all([
      act(db, a.id, liNa, 'note', 'retry-5678', 'crowd thinning'),
      act(db, a.id, liNa, 'note', 'retry-5678', 'crowd thinning'),
    ]);
    expect(x.status).toBe(200);
    expect(y.status).toBe(200);
    const actions = (await alertTrail(db, a.id)).map((e) => e.action);
    expect(actions).toEqual(['raised', 'acknowledge', 'note']);
  });

  it('two responders acknowledging at once: one wins, the other is told who did', async () => {
    const a = (await raiseCondition(db, condition(), T))!;
    const other = target.kind === 'postgres' ? await target.open() : db;
    const results = await Promise.all([act(db, a.id, liNa, 'acknowledge'), act(other, a.id, zhangMin, 'acknowledge')]);
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.status === 200 ? won[0]!.alert.acknowledgedBy : '';
    expect(lost[0]).toMatchObject({
      error: `already acknowledged by ${winner} at ${new Date(T + 60_000).toISOString()}`,
    });
    expect((await alertTrail(db, a.id)).filter((e) => e.action === 'acknowledge')).toHaveLength(1);
  });

  it("refuses another venue's alert in the data layer, and records nothing", async () => {
    const a = (await raiseCondition(db, condition(), T))!;
    expect(await act(db, a.id, otherManager, 'acknowledge')).toMatchObject({ status: 403 });
    expect(await act(db, 999_999, liNa, 'acknowledge')).toMatchObject({ status: 404 });
    expect((await alertTrail(db, a.id)).map((e) => e.action)).toEqual(['raised']);
  });
});
