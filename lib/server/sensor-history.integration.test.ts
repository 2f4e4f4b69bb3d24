/**
 * The sensor history route, called as Next calls it, against a runtime fed over a real broker: the
 * live hour from the rings, and any span stored in the database (`?from=&to=`), downsampled.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SensorHistory } from '../contracts/stream';
import { topics } from '../contracts/topics';
import { createSession } from '../auth/sessions';
import { testServerEnv } from '../testing/server-env';
import { DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from '../../telemetry-sim/demo-credentials';
import { Simulator } from '../../telemetry-sim/simulator';
import { writeMinutes } from '../history/minute-history';
import { createFeedRuntime, serveFeedRuntime, type FeedRuntime } from './feed-runtime';
import { cityHistoryGET, sensorHistoryGET } from './route-handlers';

describe('GET /api/venues/{venueId}/sensors/{sensorId}/history', () => {
  let rt: FeedRuntime;
  let cookie = '';
  beforeAll(async () => {
    rt = await createFeedRuntime(testServerEnv());
    serveFeedRuntime(rt);
    cookie = `vcc_session=${await createSession(rt.alerts.db, 'operator', Date.now())}`;
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${rt.embedded!.port}`, {
      username: DEMO_SIM_USERNAME,
      password: DEMO_SIM_PASSWORD,
    });
    const registry = new Simulator({ seed: 1, scale: 1, startMs: Date.now() }).registryMessages(Date.now())[0]!;
    await c.publishAsync(registry.topic, registry.payload, { qos: 1 });
    const now = Date.now();
    for (let m = 3; m >= 0; m--) {
      const t = topics.sensor('hangzhou', 'hz-olympic-stadium', 'power-1');
      await c.publishAsync(t, JSON.stringify({ ts: now - m * 60_000, seq: 10 - m, value: 100 + m }), { qos: 1 });
    }
    await c.endAsync();
  });
  afterAll(async () => {
    serveFeedRuntime(undefined);
    await rt?.close();
  });

  const get = (venueId: string, sensorId: string, query = '') =>
    sensorHistoryGET(new Request(`http://test/${query}`, { headers: { cookie } }), {
      params: Promise.resolve({ venueId, sensorId }),
    });

  it('answers per-minute means, oldest first', async () => {
    await expect.poll(() => rt.model.venues.get('hz-olympic-stadium')?.sensors.get('power-1')?.seq).toBe(10);
    const res = await get('hz-olympic-stadium', 'power-1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SensorHistory;
    expect(body).toMatchObject({ venueId: 'hz-olympic-stadium', sensorId: 'power-1', unit: 'kW', bucketMs: 60_000 });
    expect(body.points.map(([, v]) => v)).toEqual([103, 102, 101, 100]);
  });

  it('answers only a signed-in user', async () => {
    const anonymous = await sensorHistoryGET(new Request('http://test/'), {
      params: Promise.resolve({ venueId: 'hz-olympic-stadium', sensorId: 'power-1' }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('says so for a sensor it does not know', async () => {
    expect((await get('hz-olympic-stadium', 'no-such-sensor')).status).toBe(404);
    expect((await get('atlantis', 'power-1')).status).toBe(404);
  });

  it('answers a stored day from the database, downsampled to a chart of points', async () => {
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 3 * 86_400_000;
    const minutes = Array.from({ length: 1440 }, (_, m) => ({
      venueId: 'hz-olympic-stadium',
      sensorId: 'power-1',
      minute: day + m * 60_000,
      mean: m < 720 ? 80 : 120,
      samples: 6,
    }));
    await writeMinutes(rt.alerts.db, { sensors: minutes, zones: [], city: [] });
    const res = await get(
      'hz-olympic-stadium',
      'power-1',
      `?from=${day}&to=${new Date(day + 86_400_000).toISOString()}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as SensorHistory;
    expect(body).toMatchObject({ unit: 'kW', bucketMs: 120_000 });
    expect(body.points).toHaveLength(720);
    expect(body.points[0]).toEqual([day, 80]);
    expect(body.points.at(-1)).toEqual([day + 86_400_000 - 120_000, 120]);
  });

  it('refuses a span it cannot answer, in words', async () => {
    const now = Date.now();
    for (const query of [
      `?from=${now}&to=${now - 1}`,
      '?from=yesterday',
      `?to=${now}`,
      `?from=${now - 41 * 86_400_000}`,
    ]) {
      const res = await get('hz-olympic-stadium', 'power-1', query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/from|span/);
    }
  });

  it('gives the city history to those who see the city, and only them', async () => {
    const city = await cityHistoryGET(new Request('http://test/?from=0&to=3600000', { headers: { cookie } }));
    expect(city.status).toBe(200);
    expect(await city.json()).toEqual({ bucketMs: 60_000, points: [] });
    const manager = `vcc_session=${await createSession(rt.alerts.db, 'manager', Date.now())}`;
    const refused = await cityHistoryGET(new Request('http://test/', { headers: { cookie: manager } }));
    expect(refused.status).toBe(403);
    expect((await cityHistoryGET(new Request('http://test/?from=0&to=3600000'))).status).toBe(401);
  });
});
