/**
 * A server whose PostgreSQL is away when it starts: the feed runs at once (nothing the venues send is
 * dropped), health says what is missing and how often it has been tried, and when the database
 * comes back the server attaches to it by itself, with what it heard meanwhile. It used to fail its
 * start-up for good and answer 500 to everything until restarted by hand.
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../telemetry-sim/simulator';
import { testServerEnv } from '../testing/server-env';
import type { TcpProxy } from '../testing/tcp-proxy';
import { proxiedPostgres, type TestDatabase } from '../testing/test-databases';
import { createFeedRuntime, newStartProgress, type FeedRuntime } from './feed-runtime';
import { healthReport } from './health';

const MOSQUITTO_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';

describe('a server started while its database is away', () => {
  let pg: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let rt: FeedRuntime | undefined;
  afterAll(async () => {
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

    // The database returns: the same process attaches, keeping what it heard.
    proxy.restore();
    await expect.poll(() => settled, { timeout: 30_000, interval: 250 }).toBe(true);
    expect(rt).toBeDefined();
    expect(rt!.model).toBe(progress.model);
    expect(rt!.model.venues.size).toBe(heardBefore);
    await publish(sim.tick(Date.now() + 5_000));
    await expect.poll(() => healthReport(rt).ready, { timeout: 15_000 }).toBe(true);
    await publisher.endAsync();
  }, 90_000);
});
