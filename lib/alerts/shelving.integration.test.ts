/**
 * Shelving and out of service (ISA-18.2) with the rules engine on a clock the test moves, on
 * the embedded database and on PostgreSQL: a shelved alarm is silent and comes back by itself,
 * sounding again while its condition is there; a source out of service raises nothing until it
 * is returned; neither hides a new critical alarm from another source; every step is audited.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSounding } from '../contracts/alarm-counts';
import type { SessionUser } from '../contracts/alerts';
import { SituationModel } from '../ingest/situation-model';
import { registry, T0 } from '../testing/fixtures';
import { TEST_DATABASES, type TestDatabase } from '../testing/test-databases';
import type { Database } from '../db/database';
import { AlertBoard } from './alert-board';
import { AlertEngine } from './alert-engine';
import { actOnAlert, alertTrail } from './alert-repository';
import { readRuleConfig } from './rule-config';
import { activeShelves, describeShelves, returnToService, takeOutOfService } from './shelving';

const rules = readRuleConfig('config/alert-rules.json');
const operator: SessionUser = { id: 'operator', name: 'Chen Wei', role: 'operator', venues: null };
const admin: SessionUser = { id: 'admin', name: 'Zhou Jie', role: 'admin', venues: null };
const MIN = 60_000;

describe.each(TEST_DATABASES)('shelving and out of service on $name', ({ make }) => {
  let target: TestDatabase;
  let db: Database;
  let model: SituationModel;
  let board: AlertBoard;
  let engine: AlertEngine;
  let seq = 0;
  let now = 0;
  const values = new Map<string, number>();

  beforeAll(async () => {
    target = await make();
    db = await target.open();
  });
  afterAll(async () => {
    await target.drop();
  });
  beforeEach(async () => {
    await db.exec('truncate alerts, alert_events, action_requests, alarm_shelves cascade');
    model = new SituationModel();
    model.applyRegistry('hangzhou', 'test-arena', registry(T0), T0);
    board = new AlertBoard();
    engine = new AlertEngine(db, model, board, rules, T0);
    now = T0 + rules.warmUpSeconds * 1000;
    values.clear();
    values.set('ups-1', 0).set('temp-1', 22).set('bc-1', 99);
  });

  /** Every sensor reads its value each second; the engine passes each second. */
  const run = async (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      now += 1000;
      for (const [id, value] of values)
        model.applySensor('hangzhou', 'test-arena', id, { ts: now, seq: ++seq, value }, now);
      await engine.tick(now);
    }
  };
  const alarm = (sensor: string) => [...board.unresolved.values()].find((a) => a.sensorId === sensor);

  it('a shelved alarm is silent, never hides a new critical elsewhere, and comes back sounding when its time is up', async () => {
    values.set('ups-1', 2);
    await run(20);
    const ups = alarm('ups-1')!;
    expect(ups).toMatchObject({ severity: 'critical', status: 'open' });
    expect(isSounding(ups)).toBe(true);

    const shelved = await actOnAlert(db, {
      alertId: ups.id,
      action: 'shelve',
      minutes: 10,
      requestId: 'shelve-ups',
      note: 'UPS engineer on site',
      actor: operator,
      now,
    });
    expect(shelved.status).toBe(200);
    if (shelved.status === 200) board.apply(shelved.alert);
    expect(alarm('ups-1')).toMatchObject({
      status: 'acknowledged',
      suppression: { kind: 'shelved', by: 'Chen Wei', reason: 'UPS engineer on site', until: now + 10 * MIN },
    });
    expect(isSounding(alarm('ups-1')!)).toBe(false);
    expect((await activeShelves(db)).map((s) => [s.kind, s.source])).toEqual([['shelved', 'sensor:test-arena/ups-1']]);
    // The list people read names the alarm, in words any language can render, not the source id.
    const [listed] = await describeShelves(db, await activeShelves(db));
    expect(listed!.alarm).toMatchObject({ title: ups.title, message: ups.message });
    expect(listed!.alarm!.message).not.toBeNull();

    // The broadcast signal is lost meanwhile: its critical alarm sounds as any other would.
    values.set('bc-1', 10);
    await run(30);
    expect(alarm('bc-1')).toMatchObject({ severity: 'critical', status: 'open', suppression: null });
    expect(isSounding(alarm('bc-1')!)).toBe(true);

    // Until the shelf runs out the UPS stays silent, however long its condition lasts.
    await run(9 * 60);
    expect(alarm('ups-1')).toMatchObject({ count: 1, status: 'acknowledged' });
    await run(40);
    expect(alarm('ups-1')).toMatchObject({ status: 'open', count: 2, suppression: null, acknowledgedBy: null });
    expect(isSounding(alarm('ups-1')!)).toBe(true);
    const trail = (await alertTrail(db, ups.id)).map((e) => e.action);
    expect(trail).toEqual(['raised', 'acknowledge', 'shelve', 'unshelved', 'repeated']);
    expect(await activeShelves(db)).toEqual([]);
  });

  it('a source out of service raises nothing until an admin returns it; its shelf is an audit record', async () => {
    const taken = await takeOutOfService(db, {
      source: 'sensor:test-arena/temp-1',
      venueId: 'test-arena',
      reason: 'sensor being replaced',
      actor: admin,
      now,
    });
    expect(taken.status).toBe(201);
    values.set('temp-1', 40);
    values.set('bc-1', 10);
    await run(120);
    expect(alarm('temp-1')).toBeUndefined();
    expect(alarm('bc-1')).toMatchObject({ severity: 'critical' });

    if (taken.status !== 201) throw new Error('not taken');
    // The record cannot be rewritten or removed, by anyone who connects.
    await expect(
      db.query(`update alarm_shelves set reason = 'nothing' where id = $1`, [taken.shelf.id]),
    ).rejects.toThrow(/only ending/);
    await expect(db.query('delete from alarm_shelves where id = $1', [taken.shelf.id])).rejects.toThrow(/audit record/);

    const back = await returnToService(db, taken.shelf.id, admin, now);
    expect(back.status).toBe(200);
    await run(rules.sensorThreshold.onDelaySeconds + 5);
    expect(alarm('temp-1')).toMatchObject({ type: 'sensor_threshold', status: 'open' });
    const { rows } = await db.query<{ ended_how: string; ended_by: string }>(
      'select ended_how, ended_by from alarm_shelves where id = $1',
      [taken.shelf.id],
    );
    expect(rows[0]).toEqual({ ended_how: 'returned', ended_by: 'Zhou Jie' });
  });

  it('taking a source out of service marks its alarm and ends a shelf on it; returning sounds it again', async () => {
    values.set('ups-1', 2);
    await run(20);
    const ups = alarm('ups-1')!;
    const s = await actOnAlert(db, {
      alertId: ups.id,
      action: 'shelve',
      minutes: 30,
      requestId: 'shelve-2',
      note: 'known',
      actor: operator,
      now,
    });
    if (s.status === 200) board.apply(s.alert);
    const taken = await takeOutOfService(db, {
      source: ups.source,
      venueId: 'test-arena',
      reason: 'UPS swapped',
      actor: admin,
      now,
    });
    if (taken.status !== 201) throw new Error('not taken');
    for (const a of taken.alerts) board.apply(a);
    expect(alarm('ups-1')?.suppression).toMatchObject({ kind: 'out_of_service', by: 'Zhou Jie' });
    expect((await activeShelves(db)).map((x) => x.kind)).toEqual(['out_of_service']);
    const back = await returnToService(db, taken.shelf.id, admin, now + MIN);
    if (back.status !== 200) throw new Error('not returned');
    for (const a of back.alerts) board.apply(a);
    expect(alarm('ups-1')).toMatchObject({ status: 'open', suppression: null });
    expect((await alertTrail(db, ups.id)).map((e) => e.action)).toEqual([
      'raised',
      'acknowledge',
      'shelve',
      'out_of_service',
      'returned_to_service',
      'repeated',
    ]);
  });
});
