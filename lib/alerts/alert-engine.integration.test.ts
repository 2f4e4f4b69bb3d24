/**
 * The rules engine over a real model and the embedded database, on a clock the test moves:
 * warm-up, raise once, count up on return, clear without acknowledging, escalation of an
 * unacknowledged critical alert (and none once acknowledged), nothing cleared on a stale feed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../contracts/alerts';
import { SituationModel } from '../ingest/situation-model';
import { registry, T0 } from '../testing/fixtures';
import { memoryPglite, type TestDatabase } from '../testing/test-databases';
import type { Database } from '../db/database';
import { AlertBoard } from './alert-board';
import { AlertEngine } from './alert-engine';
import { actOnAlert, alertTrail } from './alert-repository';
import { readRuleConfig } from './rule-config';

const rules = readRuleConfig('config/alert-rules.json');
const liNa: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };
const MIN = 60_000;

describe('alert engine', () => {
  let target: TestDatabase;
  let db: Database;
  let model: SituationModel;
  let board: AlertBoard;
  let engine: AlertEngine;
  let seq = 0;
  /** Feed time: every step keeps the feed fresh with a reading from the UPS. */
  const upsReads = (value: number, at: number) =>
    model.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: at, seq: ++seq, value }, at);

  beforeAll(async () => {
    target = await memoryPglite();
    db = await target.open();
  });
  afterAll(async () => {
    await target.drop();
  });
  beforeEach(async () => {
    await db.exec('truncate alerts, alert_events, action_requests cascade');
    model = new SituationModel();
    model.applyRegistry('hangzhou', 'test-arena', registry(T0), T0);
    board = new AlertBoard();
    engine = new AlertEngine(db, model, board, rules, T0);
  });

  const open = () => [...board.unresolved.values()];
  const ON = rules.sensorThreshold.onDelaySeconds * 1000;
  const OFF = rules.sensorThreshold.offDelaySeconds * 1000;
  /** The UPS reads `value` every second from `from` for `ms`, the engine passing each second; returns the end. */
  const hold = async (value: number, from: number, ms: number) => {
    let t = from;
    for (; t < from + ms; t += 1000) {
      upsReads(value, t);
      await engine.tick(t);
    }
    return t;
  };

  it('judges nothing during warm-up, then raises a UPS fault once, after its on-delay, however many ticks see it', async () => {
    upsReads(2, T0 + 1000);
    await engine.tick(T0 + 1000);
    expect(open()).toHaveLength(0);
    const after = T0 + rules.warmUpSeconds * 1000;
    const t = await hold(2, after, ON - 1000);
    expect(open()).toHaveLength(0);
    await hold(2, t, 5000);
    expect(open()).toHaveLength(1);
    expect(open()[0]).toMatchObject({
      type: 'sensor_threshold',
      severity: 'critical',
      count: 1,
      status: 'open',
      raisedAt: after + ON,
      title: 'UPS ups-1 fault',
      message: { key: 'alarm.sensorState', params: { kind: 'ups', sensor: 'ups-1', state: 'ups.2' } },
    });
  });

  it('clears after its off-delay, still wanting an acknowledgement; counts up when it returns', async () => {
    let t = await hold(2, T0 + rules.warmUpSeconds * 1000, ON + 1000);
    const gone = t;
    t = await hold(0, t, OFF - 1000);
    expect(open()[0]).toMatchObject({ status: 'open', clearedAt: null });
    t = await hold(0, t, 2000);
    expect(open()[0]).toMatchObject({ status: 'open', clearedAt: gone + OFF });
    t = await hold(2, t, ON + 1000);
    expect(open()).toHaveLength(1);
    expect(open()[0]).toMatchObject({ count: 2, clearedAt: null });
    expect((await alertTrail(db, open()[0]!.id)).map((e) => e.action)).toEqual(['raised', 'cleared', 'repeated']);
  });

  it('escalates an unacknowledged critical alert after the configured minutes, once', async () => {
    const limit = rules.escalation.criticalUnacknowledgedMinutes * MIN;
    let t = await hold(2, T0 + rules.warmUpSeconds * 1000, ON + 1000);
    const raisedAt = open()[0]!.raisedAt;
    t = await hold(2, t, raisedAt + limit - t);
    expect(open()[0]?.escalatedAt).toBeNull();
    t = await hold(2, t, 2000);
    expect(open()[0]?.escalatedAt).toBe(raisedAt + limit);
    await hold(2, t, 5000);
    expect((await alertTrail(db, open()[0]!.id)).filter((e) => e.action === 'escalated')).toHaveLength(1);
  });

  it('an acknowledgement stops escalation', async () => {
    const limit = rules.escalation.criticalUnacknowledgedMinutes * MIN;
    const t = await hold(2, T0 + rules.warmUpSeconds * 1000, ON + 1000);
    const ack = await actOnAlert(db, {
      alertId: open()[0]!.id,
      action: 'acknowledge',
      requestId: 'ack-esc-1',
      note: null,
      actor: liNa,
      now: t,
    });
    expect(ack.status).toBe(200);
    if (ack.status === 200) board.apply(ack.alert);
    await hold(2, t, limit + 5000);
    expect(open()[0]).toMatchObject({ status: 'acknowledged', escalatedAt: null });
  });

  it('on a stale feed, nothing is cleared on old data; the staleness itself is raised, and cleared when data returns', async () => {
    const t = await hold(2, T0 + rules.warmUpSeconds * 1000, ON + 1000);
    const stale = t + rules.feedStale.afterSeconds * 1000 + 1000;
    for (let s = t; s <= stale; s += 1000) await engine.tick(s);
    const byType = () => Object.fromEntries(open().map((a) => [a.type, a]));
    expect(byType().sensor_threshold?.clearedAt).toBeNull();
    expect(byType().feed_stale).toMatchObject({
      severity: 'critical',
      venueId: null,
      clearedAt: null,
      // Everything the feed's silence explains is held beneath it, not raised.
      consequences: { count: 1, byType: { venue_silent: 1 } },
    });
    const back = stale + 1000;
    const end = await hold(0, back, Math.max(rules.feedStale.offDelaySeconds * 1000, OFF) + 2000);
    expect(byType().feed_stale?.clearedAt).toBe(back + rules.feedStale.offDelaySeconds * 1000);
    expect(byType().sensor_threshold?.clearedAt).toBe(back + OFF);
    expect(end).toBeGreaterThan(back + OFF);
  });
});
