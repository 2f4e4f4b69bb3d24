/**
 * Instance A reaches PostgreSQL through a TCP proxy this test controls; instance B directly. The
 * link is cut (connections reset, new ones refused) and then goes half-open (connections stay,
 * nothing passes): A says it is not ready within seconds, answers an action with a quick 503
 * instead of hanging, and when the link returns it listens again and its board catches up with
 * what B did meanwhile, without a restart.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, SessionUser } from '../contracts/alerts';
import { createFeedRuntime, startFeedRuntime, type FeedRuntime } from '../server/feed-runtime';
import { alertActionPOST } from '../server/alert-handlers';
import { loginPOST } from '../server/auth-handlers';
import { healthReport } from '../server/health';
import { testServerEnv } from '../testing/server-env';
import type { TcpProxy } from '../testing/tcp-proxy';
import { proxiedPostgres, type TestDatabase } from '../testing/test-databases';
import { actOnAlert, raiseCondition } from './alert-repository';

const MOSQUITTO_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const ORIGIN = 'http://vcc.test';
const liNa: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };

function post(path: string, body: unknown, cookie?: string): Request {
  const headers = new Headers({ host: 'vcc.test', origin: ORIGIN, 'content-type': 'application/json' });
  if (cookie) headers.set('cookie', cookie);
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('an instance whose database link fails, and comes back', () => {
  let pg: TestDatabase;
  let proxy: TcpProxy;
  let a: FeedRuntime;
  let b: FeedRuntime;
  let cookie: string;
  let n = 0;

  const raise = async () =>
    (await raiseCondition(
      b.alerts.db,
      {
        source: `zone:hz-olympic-stadium/gate-link-${++n}`,
        type: 'zone_level_of_service',
        venueId: 'hz-olympic-stadium',
        venueName: 'Hangzhou Olympic Sports Centre Stadium',
        zoneId: `gate-link-${n}`,
        sensorId: null,
        severity: 'critical',
        title: `Gate ${n}: crowding at level of service F`,
      },
      Date.now(),
    ))!;
  const acknowledgeOnB = async (alert: AlertView) =>
    expect(
      (
        await actOnAlert(b.alerts.db, {
          alertId: alert.id,
          action: 'acknowledge',
          requestId: `link-${alert.id}`,
          note: null,
          actor: liNa,
          now: Date.now(),
        })
      ).status,
    ).toBe(200);

  beforeAll(async () => {
    let viaProxy: string;
    ({ pg, proxy, viaProxy } = await proxiedPostgres());
    const env = {
      mqttUrl: MOSQUITTO_URL,
      mqttTopicPrefix: `vcc-test-${randomBytes(4).toString('hex')}/`,
    };
    b = await createFeedRuntime(testServerEnv({ ...env, databaseUrl: pg.url }));
    // A is the process's own runtime: the HTTP handlers below answer through it.
    a = await startFeedRuntime(testServerEnv({ ...env, databaseUrl: viaProxy }));
    const login = await loginPOST(post('/api/auth/login', { username: 'responder', password: 'games-2023' }));
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(healthReport(a).checks).toMatchObject({ databaseReachable: true, alertsListening: true });
  }, 60_000);

  afterAll(async () => {
    proxy?.restore();
    await a?.close();
    await b?.close();
    await proxy?.close();
    await pg?.drop();
  });

  it('cut: not ready within seconds, an action refused quickly in words, and the board catches up after', async () => {
    const raised = await raise();
    await expect.poll(() => a.alerts.board.alerts.get(raised.id)?.status).toBe('open');

    proxy.cut();
    await expect
      .poll(() => healthReport(a).checks, { timeout: 10_000 })
      .toMatchObject({ databaseReachable: false, alertsListening: false });
    expect(healthReport(a).ready).toBe(false);
    // Meanwhile B (whose link is fine) acknowledges; A cannot hear it.
    await acknowledgeOnB(raised);

    // A person acting through A is told at once that nothing was recorded.
    const res = await alertActionPOST(
      post(`/api/alerts/${raised.id}/actions`, { action: 'note', requestId: 'during-cut', note: 'on my way' }, cookie),
      { params: Promise.resolve({ alertId: String(raised.id) }) },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/database is not answering: nothing was recorded/);
    expect(res.headers.get('retry-after')).toBe('2');

    proxy.restore();
    // Listening again, A loads what it missed: B's acknowledgement shows on A's screens.
    await expect.poll(() => a.alerts.board.alerts.get(raised.id)?.acknowledgedBy, { timeout: 20_000 }).toBe('Li Na');
    // (No feed publishes on this test's topics, so readiness waits on the registry: judge the database's checks.)
    await expect
      .poll(() => healthReport(a).checks, { timeout: 10_000 })
      .toMatchObject({ databaseReachable: true, alertsListening: true });
    expect(healthReport(a).alertsLink.relistens).toBeGreaterThanOrEqual(1);
    // And the live path works again: B's next change arrives by notification.
    const next = await raise();
    await expect.poll(() => a.alerts.board.alerts.get(next.id)?.status).toBe('open');
  }, 60_000);

  it('half-open: a link that silently stops passing anything is found and replaced', async () => {
    const raised = await raise();
    await expect.poll(() => a.alerts.board.alerts.get(raised.id)?.status).toBe('open');
    const relistens = healthReport(a).alertsLink.relistens;

    proxy.blackhole();
    // Nothing resets: only the probes and the listener's watchdog find out.
    await expect
      .poll(() => healthReport(a).checks, { timeout: 20_000 })
      .toMatchObject({ databaseReachable: false, alertsListening: false });
    await acknowledgeOnB(raised);

    proxy.restore();
    await expect.poll(() => a.alerts.board.alerts.get(raised.id)?.acknowledgedBy, { timeout: 30_000 }).toBe('Li Na');
    await expect
      .poll(() => healthReport(a).checks, { timeout: 20_000 })
      .toMatchObject({ databaseReachable: true, alertsListening: true });
    expect(healthReport(a).alertsLink.relistens).toBeGreaterThan(relistens);
  }, 90_000);
});
