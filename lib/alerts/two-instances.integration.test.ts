/**
 * Two web instances on one broker (the Mosquitto on 127.0.0.1:1883) and one PostgreSQL: an
 * action taken on one shows on the other's stream, only one of them runs the rules, and the
 * other takes over when that one goes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../contracts/alerts';
import type { AlertsDelta } from '../contracts/stream';
import { createFeedRuntime, type FeedRuntime } from '../server/feed-runtime';
import { testServerEnv } from '../testing/server-env';
import { freshPostgres, type TestDatabase } from '../testing/test-databases';
import { actOnAlert, raiseCondition } from './alert-repository';

const MOSQUITTO_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const liNa: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };

describe('two server instances, one broker, one database', () => {
  let pg: TestDatabase;
  let a: FeedRuntime;
  let b: FeedRuntime;
  beforeAll(async () => {
    pg = await freshPostgres();
    const env = testServerEnv({
      databaseUrl: pg.url,
      mqttUrl: MOSQUITTO_URL,
      mqttTopicPrefix: `vcc-test-${randomBytes(4).toString('hex')}/`,
    });
    a = await createFeedRuntime(env);
    b = await createFeedRuntime(env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pg?.drop();
  });

  it('exactly one runs the rules', async () => {
    await a.alerts.engine.tick(Date.now());
    await b.alerts.engine.tick(Date.now());
    expect([a.alerts.engine.stats.leader, b.alerts.engine.stats.leader].sort()).toEqual([false, true]);
  });

  it('an action on instance A reaches a screen served by instance B', async () => {
    const frames: string[] = [];
    const decoder = new TextDecoder();
    b.hub.connect((f) => (frames.push(decoder.decode(f)), true), null, { kind: 'alerts', venues: null });
    const raised = (await raiseCondition(
      a.alerts.db,
      {
        source: 'zone:hz-olympic-stadium/gate-3',
        type: 'zone_level_of_service',
        venueId: 'hz-olympic-stadium',
        venueName: 'Hangzhou Olympic Sports Centre Stadium',
        zoneId: 'gate-3',
        sensorId: null,
        severity: 'critical',
        title: 'Gate 3: crowding at level of service F',
      },
      Date.now(),
    ))!;
    await expect.poll(() => b.alerts.board.alerts.get(raised.id)?.status).toBe('open');
    const answer = await actOnAlert(a.alerts.db, {
      alertId: raised.id,
      action: 'acknowledge',
      requestId: 'two-instances-1',
      note: null,
      actor: liNa,
      now: Date.now(),
    });
    expect(answer.status).toBe(200);
    await expect.poll(() => b.alerts.board.alerts.get(raised.id)?.acknowledgedBy).toBe('Li Na');
    // And B's stream carries it to its screens on its next flush.
    b.hub.flush(Date.now());
    const deltas = frames
      .filter((f) => f.includes('event: alerts-delta'))
      .map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)) as AlertsDelta);
    expect(deltas.flatMap((d) => d.alerts ?? []).some((x) => x.id === raised.id && x.acknowledgedBy === 'Li Na')).toBe(
      true,
    );
  });

  it('when the instance running the rules goes, the other takes over', async () => {
    const [leader, follower] = a.alerts.engine.stats.leader ? [a, b] : [b, a];
    await leader.close();
    await expect
      .poll(
        async () => {
          await follower.alerts.engine.tick(Date.now());
          return follower.alerts.engine.stats.leader;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
  });
});
