/**
 * The embedded broker against a hostile client, over real sockets: each attack of issue 11
 * (anonymous connect, another venue's rename, an unknown city, a retained delete, presence
 * impersonation, a forged will, a future-dated freeze, a foreign WebSocket origin). Each
 * failed on the broker that allowed everything.
 */
import { once as onceEvent, type EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPublisherPassword } from '../auth/publisher-hash';
import { topics } from '../contracts/topics';
import { testServerEnv } from '../testing/server-env';
import {
  DEMO_READER,
  DEMO_SIM_PASSWORD,
  DEMO_SIM_USERNAME,
  DEMO_VENUE_PUBLISHER,
} from '../../telemetry-sim/demo-credentials';
import { Simulator } from '../../telemetry-sim/simulator';
import { createFeedRuntime, type FeedRuntime } from '../server/feed-runtime';
import { renderMetrics } from '../server/prometheus';

const BJ = DEMO_VENUE_PUBLISHER.venueId;
const OLY = 'hz-olympic-stadium';
const WALL_ORIGIN = 'https://wall.example';
/** A gate counter at Binjiang: telemetry only, no registry. */
const GATE_COUNTER = { username: 'binjiang-gates', password: 'gates-2023' };
/** Another of Binjiang's systems, which first connects only after the flood. */
const LATE = { username: 'binjiang-late', password: 'late-2023' };

/** mqtt.js's client is an EventEmitter whose types do not say so. */
const once = (c: MqttClient, event: string) => onceEvent(c as unknown as EventEmitter, event);

const sim = { username: DEMO_SIM_USERNAME, password: DEMO_SIM_PASSWORD };
const binjiang = { username: DEMO_VENUE_PUBLISHER.username, password: DEMO_VENUE_PUBLISHER.password };

describe('the embedded broker against a hostile client', () => {
  let rt: FeedRuntime;
  let url: string;
  let simClient: MqttClient;

  const connect = (who: { username?: string; password?: string; clientId?: string }, extra: IClientOptions = {}) =>
    mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...who, ...extra });

  /** Publishes, then waits for the broker to hang up on the client (how MQTT 3.1.1 refuses a publish). */
  async function refusedPublish(c: MqttClient, topic: string, payload: string, retain = false): Promise<void> {
    const closed = once(c, 'close');
    c.publish(topic, payload, { qos: 0, retain });
    await closed;
    c.end(true);
  }

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vcc-hostile-'));
    const demo = JSON.parse(readFileSync('config/publishers.json', 'utf8')) as { publishers: object[] };
    const publishersFile = path.join(dir, 'publishers.json');
    demo.publishers.push({
      id: GATE_COUNTER.username,
      passwordHash: hashPublisherPassword(GATE_COUNTER.password, 1000),
      venues: [BJ],
    });
    demo.publishers.push({ id: LATE.username, passwordHash: hashPublisherPassword(LATE.password, 1000), venues: [BJ] });
    writeFileSync(publishersFile, JSON.stringify(demo));
    rt = await createFeedRuntime(
      testServerEnv({ publishersFile, embeddedMqttWsPort: 0, embeddedMqttWsOrigins: [WALL_ORIGIN] }),
    );
    url = `mqtt://127.0.0.1:${rt.embedded!.port}`;
    simClient = await connect(sim);
    const s = new Simulator({ seed: 42, scale: 1, startMs: Date.now() });
    for (const m of s.registryMessages(Date.now()))
      await simClient.publishAsync(m.topic, m.payload, { qos: 1, retain: true });
    await simClient.publishAsync(
      topics.presence('telemetry-sim'),
      JSON.stringify({ ts: Date.now(), online: true, publisher: 'telemetry-sim', simulated: true }),
      { qos: 1, retain: true },
    );
    for (let i = 0; i < 100 && rt.model.venues.size < 56; i++) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(async () => {
    await simClient?.endAsync();
    await rt?.close();
  });

  it('refuses anonymous clients and wrong passwords, and counts them', async () => {
    await expect(connect({})).rejects.toThrow(/Bad username or password|Not authorized/i);
    await expect(connect({ username: BJ })).rejects.toThrow();
    await expect(connect({ username: sim.username, password: 'guess' })).rejects.toThrow(/Bad username or password/i);
    await expect(connect({ username: 'nobody', password: 'x' })).rejects.toThrow(/Bad username or password/i);
    expect(rt.metrics.authFailures.get('anonymous')).toBeGreaterThanOrEqual(2);
    expect(rt.metrics.authFailures.get('bad_credentials')).toBeGreaterThanOrEqual(2);
    expect(renderMetrics(rt)).toMatch(/vcc_mqtt_auth_failures_total\{reason="bad_credentials"\} [2-9]/);
  });

  it("a venue's publisher cannot rename another venue, nor add one in a city that does not exist", async () => {
    const name = rt.model.venues.get(OLY)!.def.name.en;
    const forged = new Simulator({ seed: 42, scale: 1, startMs: Date.now() }).registryMessages(Date.now() + 1000);
    const oly = forged.find((m) => m.topic.includes(`/${OLY}/`))!;
    const renamed = oly.payload.replace(name, 'PWNED <img src=x>');
    await refusedPublish(await connect(binjiang), oly.topic, renamed, true);
    expect(rt.model.venues.get(OLY)!.def.name.en).toBe(name);

    // Even the simulator, allowed every venue, cannot reach past the catalogue.
    const atlantis = JSON.parse(oly.payload) as { venue: { id: string; cityId: string } };
    atlantis.venue.id = 'atlantis-arena';
    atlantis.venue.cityId = 'atlantis';
    const c = await connect({ ...sim, clientId: 'sim-hostile' });
    await refusedPublish(c, topics.registry('atlantis', 'atlantis-arena'), JSON.stringify(atlantis), true);
    expect(rt.model.venues.size).toBe(56);
    expect(rt.metrics.brokerRefusals.get(`${binjiang.username}\0not_your_venue`)).toBe(1);
    expect(rt.metrics.brokerRefusals.get(`${sim.username}\0unknown_venue`)).toBe(1);
    expect(renderMetrics(rt)).toContain(
      `vcc_mqtt_publish_refused_total{publisher="${binjiang.username}",reason="not_your_venue"} 1`,
    );
  });

  it('a publisher without registry rights cannot delete a retained registry', async () => {
    await refusedPublish(await connect(GATE_COUNTER), topics.registry('hangzhou', BJ), '', true);
    const reader = await connect(DEMO_READER);
    const retained = once(reader, 'message');
    await reader.subscribeAsync(topics.registry('hangzhou', BJ));
    const [, payload] = (await retained) as [string, Buffer];
    expect(JSON.parse(payload.toString()).venue.id).toBe(BJ);
    await reader.endAsync();
    // Its own telemetry goes through.
    const gates = await connect(GATE_COUNTER);
    await gates.publishAsync(
      topics.crowd('hangzhou', BJ, 'gate-1'),
      JSON.stringify({ ts: Date.now(), seq: 1, entries: 40, exits: 10, occupancy: 30 }),
    );
    await gates.endAsync();
    await expect.poll(() => rt.model.venues.get(BJ)!.zones.get('gate-1')!.occupancy).toBe(30);
  });

  it("no one can speak as the simulator's presence, by message or by last will", async () => {
    const offline = JSON.stringify({ ts: Date.now() + 500, online: false, publisher: 'x', simulated: false });
    await refusedPublish(await connect(binjiang), topics.presence('telemetry-sim'), offline, true);
    const willing = await connect(binjiang, {
      will: { topic: topics.presence('telemetry-sim'), payload: Buffer.from(offline), qos: 1, retain: true },
    });
    const closed = once(willing, 'close');
    willing.stream.destroy(); // no DISCONNECT: the broker publishes the will
    await closed;
    await new Promise((r) => setTimeout(r, 300));
    expect(rt.model.publishers.get('telemetry-sim')).toMatchObject({ online: true, simulated: true });
    expect(rt.model.feed(Date.now()).simulated).toBe(true);
  });

  it('one message stamped in the future cannot freeze a gate', async () => {
    const gate = topics.crowd('hangzhou', BJ, 'gate-2');
    const max = rt.model.venues.get(BJ)!.zones.get('gate-2')!.def.maxOccupancy;
    const c = await connect(binjiang);
    await c.publishAsync(
      gate,
      JSON.stringify({
        ts: Date.now() + 290_000,
        seq: Number.MAX_SAFE_INTEGER,
        entries: max,
        exits: 0,
        occupancy: max,
      }),
    );
    await c.publishAsync(gate, JSON.stringify({ ts: Date.now(), seq: 5, entries: 25, exits: 5, occupancy: 20 }));
    await c.endAsync();
    await expect.poll(() => rt.model.venues.get(BJ)!.zones.get('gate-2')!.occupancy).toBe(20);
    expect(rt.metrics.rejectedByPublisher.get(`${binjiang.username}\0future_timestamp`)).toBe(1);
    expect(renderMetrics(rt)).toContain(
      `vcc_messages_rejected_by_publisher_total{publisher="${binjiang.username}",reason="future_timestamp"} 1`,
    );
  });

  it('publishers may not read the feed, nor anything outside their rights', async () => {
    const c = await connect(binjiang);
    for (const filter of ['vcc/v1/#', '$SYS/#', '#']) {
      await expect(c.subscribeAsync(filter), filter).rejects.toThrow(/Subscribe error/);
    }
    expect(c.connected).toBe(true);
    await c.endAsync();
    expect(rt.metrics.brokerRefusals.get(`${binjiang.username}\0subscribe_not_allowed`)).toBe(3);
  });

  it('the WebSocket listener refuses a page from another origin', async () => {
    const upgrade = (origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${rt.embedded!.wsPort}`, 'mqtt', {
          headers: origin ? { Origin: origin } : {},
        });
        ws.once('open', () => (ws.close(), resolve(101)));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(-1));
      });
    expect(await upgrade('https://evil.example')).toBe(401);
    expect(await upgrade(WALL_ORIGIN)).toBe(101);
    // Not a browser: no Origin, and it still has to authenticate like any client.
    expect(await upgrade()).toBe(101);
  });

  // Last: the flood leaves this address throttled for a minute.
  it('a flood of bad connects from an address costs no password checks, and keeps out no known publisher', async () => {
    for (let i = 0; i < 25; i++) {
      await connect({ username: 'nobody', password: `guess-${i}` }).catch(() => undefined);
    }
    // A publisher that has not proven its password yet waits out the minute (its check would cost PBKDF2)...
    await expect(connect(LATE)).rejects.toThrow(/Not authorized/i);
    expect(rt.metrics.authFailures.get('throttled')).toBeGreaterThan(0);
    // ...while the simulator, which proved its password before the flood, reconnects.
    const again = await connect({ ...sim, clientId: 'sim-after-flood' });
    await again.endAsync();
  });
});
