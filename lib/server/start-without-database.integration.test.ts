/**
 * A server whose PostgreSQL is away when it starts: the feed runs at once (nothing the venues send is
 * dropped), health says what is missing and how often it has been tried, the live picture streams to
 * a holder of a view pass (alerts "starting"), and when the database comes back the server attaches to
 * it by itself, with what it heard meanwhile, and asks pass holders for their sessions again. It used
 * to fail its start-up for good and answer 500 to everything until restarted by hand.
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../telemetry-sim/simulator';
import { testServerEnv } from '../testing/server-env';
import type { TcpProxy } from '../testing/tcp-proxy';
import { proxiedPostgres, type TestDatabase } from '../testing/test-databases';
import type { StreamSnapshot } from '../contracts/stream';
import { issueViewPass } from '../auth/view-pass';
import { SseReader } from '../testing/sse-reader';
import { meGET } from './auth-handlers';
import { alertsGET } from './alert-handlers';
import {
  createFeedRuntime,
  newStartProgress,
  serveFeedRuntime,
  serveStartProgress,
  type FeedRuntime,
} from './feed-runtime';
import { healthReport } from './health';
import { streamGET } from './route-handlers';

const ORIGIN = 'http://vcc.test';
const get = (path: string, cookie?: string) =>
  new Request(`${ORIGIN}${path}`, { headers: { host: 'vcc.test', ...(cookie ? { cookie } : {}) } });

const MOSQUITTO_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';

describe('a server started while its database is away', () => {
  let pg: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let rt: FeedRuntime | undefined;
  afterAll(async () => {
    serveStartProgress(undefined);
    serveFeedRuntime(undefined);
    proxy?.restore();
    await rt?.close();
    await proxy?.close();
    await pg?.drop();
  });

  it('runs the feed meanwhile, says so in health, and attaches once the database answers', async () => {
    let viaProxy: string;
    ({ pg, proxy, viaProxy } = await proxiedPostgres());
    proxy.cut();
    const prefix = `vcc-test-${randomBytes(4).toString('hex')}/`;
    const progress = newStartProgress();
    const starting = createFeedRuntime(
      testServerEnv({ mqttUrl: MOSQUITTO_URL, mqttTopicPrefix: prefix, databaseUrl: viaProxy }),
      progress,
    );
    let settled = false;
    void starting.then(
      (r) => {
        rt = r;
        settled = true;
      },
      () => (settled = true),
    );

    // The venues' feed, while there is no database.
    const publisher = await mqtt.connectAsync(MOSQUITTO_URL, { reconnectPeriod: 0 });
    const sim = new Simulator({ seed: 7, scale: 1, startMs: Date.now() });
    const publish = async (messages: { topic: string; payload: string }[], retain = false) => {
      for (const m of messages) await publisher.publishAsync(prefix + m.topic, m.payload, { qos: 1, retain });
    };
    await expect.poll(() => progress.feed?.subscribed, { timeout: 10_000 }).toBe(true);
    await publish(sim.registryMessages(Date.now()), true);
    await publish(sim.tick(Date.now()));
    await expect.poll(() => progress.model?.lastAcceptedAt ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const heardBefore = progress.model!.venues.size;
    expect(heardBefore).toBeGreaterThan(50);

    // Health while waiting: live, not ready, the feed's state true, the database's tries and last error.
    await expect.poll(() => progress.database.attempts, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const waiting = healthReport(undefined, Date.now(), progress);
    expect(waiting).toMatchObject({
      status: 'starting',
      live: true,
      ready: false,
      checks: { brokerConnected: true, subscribed: true, registryLoaded: true, databaseReachable: false },
    });
    expect(waiting.database.lastError).toMatch(/ECONNREFUSED|ECONNRESET|terminated|closed|timeout/i);
    expect(settled).toBe(false);

    // The live picture streams to a view pass made for the session beside it; alerts say "starting".
    serveStartProgress(progress);
    const token = randomBytes(32).toString('base64url');
    const pass = issueViewPass(progress.live!.viewPassSecret, 'operator', token, Date.now() + 3600_000);
    const withPass = `vcc_session=${token}; vcc_view=${pass}`;
    const wall = await streamGET(get('/api/stream', withPass));
    expect(wall.status).toBe(200);
    const wallStream = new SseReader(wall.body!);
    const first = (await wallStream.waitFor((e) => e.event === 'snapshot')).message as StreamSnapshot;
    expect(first.alertsLoaded).toBe(false);
    expect(first.alerts).toEqual([]);
    expect(first.live.length).toBe(heardBefore);
    const phone = await streamGET(get('/api/stream?alerts', withPass));
    const phoneStream = new SseReader(phone.body!);
    expect((await phoneStream.waitFor((e) => e.event === 'alerts-snapshot')).message).toMatchObject({
      alertsLoaded: false,
    });
    expect(await (await meGET(get('/api/auth/me', withPass))).json()).toMatchObject({
      user: { id: 'operator' },
      viewOnly: true,
    });
    // A session cookie alone, a pass for another token, a pass for another user: cannot tell, not "signed out".
    const forged = issueViewPass(randomBytes(32), 'admin', token, Date.now() + 3600_000);
    for (const cookie of [
      `vcc_session=${token}`,
      `vcc_session=${'y'.repeat(43)}; vcc_view=${pass}`,
      `vcc_session=${token}; vcc_view=${forged}`,
      `vcc_session=${token}; vcc_view=${pass.replace('operator', 'admin')}`,
    ]) {
      expect((await streamGET(get('/api/stream', cookie))).status).toBe(503);
    }
    expect((await streamGET(get('/api/stream'))).status).toBe(401);
    // Anything in the database waits for it.
    expect((await alertsGET(get('/api/alerts', withPass))).status).toBe(503);

    // The database returns: the same process attaches, keeping what it heard.
    proxy.restore();
    await expect.poll(() => settled, { timeout: 30_000, interval: 250 }).toBe(true);
    expect(rt).toBeDefined();
    expect(rt!.model).toBe(progress.model);
    expect(rt!.model.venues.size).toBe(heardBefore);
    // The pass holders' streams end (their browsers come back with the session, now checkable).
    await wallStream.done;
    await phoneStream.done;
    serveFeedRuntime(rt);
    // The database decides again: that token was never a session there, pass or no pass.
    expect((await streamGET(get('/api/stream', withPass))).status).toBe(401);
    expect((await meGET(get('/api/auth/me', withPass))).status).toBe(401);
    await publish(sim.tick(Date.now() + 5_000));
    await expect.poll(() => healthReport(rt).ready, { timeout: 15_000 }).toBe(true);
    await publisher.endAsync();
  }, 90_000);
});
