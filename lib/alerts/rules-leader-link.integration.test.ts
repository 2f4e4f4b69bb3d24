/**
 * The rules leader reaches PostgreSQL through a TCP proxy this test controls; the other instance
 * directly. The leader's link goes half-open (nothing passes, nothing closes): it must step down
 * within seconds rather than go on judging alone, the other must take over once PostgreSQL has
 * let go of the lock, and at no moment may both believe they lead.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedRuntime, type FeedRuntime } from '../server/feed-runtime';
import { testServerEnv } from '../testing/server-env';
import type { TcpProxy } from '../testing/tcp-proxy';
import { proxiedPostgres, type TestDatabase } from '../testing/test-databases';

const MOSQUITTO_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';

describe('a rules leader whose database link goes half-open', () => {
  let pg: TestDatabase;
  let proxy: TcpProxy;
  let leader: FeedRuntime;
  let follower: FeedRuntime;

  beforeAll(async () => {
    let viaProxy: string;
    ({ pg, proxy, viaProxy } = await proxiedPostgres());
    const env = { mqttUrl: MOSQUITTO_URL, mqttTopicPrefix: `vcc-test-${randomBytes(4).toString('hex')}/` };
    leader = await createFeedRuntime(testServerEnv({ ...env, databaseUrl: viaProxy }));
    follower = await createFeedRuntime(testServerEnv({ ...env, databaseUrl: pg.url }));
  }, 60_000);

  afterAll(async () => {
    proxy?.restore();
    await leader?.close();
    await follower?.close();
    await proxy?.close();
    await pg?.drop();
  });

  it('steps down within seconds, and the other takes over without a moment of two leaders', async () => {
    await leader.alerts.engine.tick(Date.now());
    await follower.alerts.engine.tick(Date.now());
    expect(leader.alerts.engine.stats.leader).toBe(true);
    expect(follower.alerts.engine.stats.leader).toBe(false);

    proxy.blackhole();
    const cutAt = Date.now();
    const both: number[] = [];
    let steppedDownAt = 0;
    let tookOverAt = 0;
    // One pass each a second, as the engines' own timers run them.
    while (Date.now() - cutAt < 30_000 && !tookOverAt) {
      const now = Date.now();
      await Promise.all([leader.alerts.engine.tick(now), follower.alerts.engine.tick(now)]);
      const [a, b] = [leader.alerts.engine.stats.leader, follower.alerts.engine.stats.leader];
      if (a && b) both.push(Date.now() - cutAt);
      if (!a && !steppedDownAt) steppedDownAt = Date.now();
      if (b) tookOverAt = Date.now();
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(both).toEqual([]);
    // One check's timeout (2 s) and a pass.
    expect(steppedDownAt - cutAt).toBeLessThan(5_000);
    // PostgreSQL lets go of a silent lock session after 10 s; then the next pass takes it.
    expect(tookOverAt).toBeGreaterThan(0);
    expect(tookOverAt - cutAt).toBeLessThan(20_000);
    expect(leader.alerts.engine.stats.leader).toBe(false);

    // The link back, the old leader stays a follower: the lock has a holder.
    proxy.restore();
    for (let i = 0; i < 3; i++) {
      await leader.alerts.engine.tick(Date.now());
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(leader.alerts.engine.stats.leader).toBe(false);
    expect(follower.alerts.engine.stats.leader).toBe(true);
  }, 60_000);
});
