/**
 * The whole pipeline over real sockets: telemetry-sim -> MQTT broker -> ingest -> stream
 * hub -> an SSE client reading the HTTP body. One suite, run against the embedded Aedes
 * broker and against the Mosquitto on 127.0.0.1:1883 (MQTT 3.1.1 and 5), as MQTT.js
 * runs its abstract client tests against each broker.
 */
import { connect as tcpConnect } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamDelta, StreamSnapshot } from '../contracts/stream';
import { topics } from '../contracts/topics';
import { openEventStream } from '../stream/event-stream';
import { testServerEnv } from '../testing/server-env';
import { SseReader } from '../testing/sse-reader';
import { SCENARIO_TOPIC, startPublisher, type RunningPublisher } from '../../telemetry-sim/publisher';
import { DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from '../../telemetry-sim/demo-credentials';
import { VENUES } from '../../telemetry-sim/venues';
import type { ServerEnv } from './env';
import { createFeedRuntime, type FeedRuntime } from './feed-runtime';
import { healthReport } from './health';
import { renderMetrics } from './prometheus';
import { loadAlarmKpis } from '../alerts/alarm-kpi-queries';

/** The demo simulator's identity; the machine's Mosquitto lets anyone in and ignores it. */
const SIM = { username: DEMO_SIM_USERNAME, password: DEMO_SIM_PASSWORD };
const MOSQUITTO_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';

const baseEnv = testServerEnv;

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = tcpConnect(Number(u.port || 1883), u.hostname);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

interface Target {
  env: ServerEnv;
  publishUrl: (rt: FeedRuntime) => string;
  protocolVersion: 4 | 5;
}

function pipelineSuite(name: string, target: () => Promise<Target>) {
  describe(`feed pipeline over ${name}`, () => {
    let t: Target;
    let rt: FeedRuntime;
    let pub: RunningPublisher;
    let reader: SseReader;
    const abort = new AbortController();
    // On the embedded broker the simulator is who it says it is; on the shared Mosquitto, a name of its own.
    let publisherId = `it-${Math.random().toString(36).slice(2, 8)}`;
    const venue = VENUES.find((v) => v.id === 'hz-olympic-gymnasium')!;

    beforeAll(async () => {
      t = await target();
      if (!t.env.mqttUrl) publisherId = DEMO_SIM_USERNAME;
      rt = await createFeedRuntime(t.env);
      pub = startPublisher({
        url: t.publishUrl(rt),
        seed: 42,
        scale: 1,
        speed: 20,
        topicPrefix: t.env.mqttTopicPrefix,
        protocolVersion: t.protocolVersion,
        publisherId,
        log: () => {},
      });
      const response = openEventStream(rt.hub, new Request('http://test/api/stream', { signal: abort.signal }));
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      reader = new SseReader(response.body!);
    });

    afterAll(async () => {
      abort.abort();
      await pub?.stop();
      // Leave nothing retained on a shared broker.
      if (t?.env.mqttUrl) {
        const c = await mqtt.connectAsync(t.env.mqttUrl);
        for (const v of VENUES)
          await c.publishAsync(t.env.mqttTopicPrefix + topics.registry(v.cityId, v.id), '', { retain: true, qos: 1 });
        await c.publishAsync(t.env.mqttTopicPrefix + topics.presence(publisherId), '', { retain: true, qos: 1 });
        await c.endAsync();
      }
      await rt?.close();
    });

    it('streams all 56 venues with live crowd figures to a stream client', async () => {
      const withAll = await reader.waitFor(
        (e) => {
          const m = e.message;
          return (
            (m.kpis?.peopleInside ?? 0) > 0 &&
            (m.type === 'snapshot' ? m.venues.length === 56 : rt.model.venues.size === 56)
          );
        },
        { timeoutMs: 30_000, what: 'all 56 venues with people inside' },
      );
      expect(withAll.message.feed.simulated).toBe(true);
      const people = withAll.message.kpis?.peopleInside;
      // The city figures go in a delta only when they moved (at most once a second when they only drift).
      const later = await reader.waitFor(
        (e) => e.message.type === 'delta' && e.message.kpis !== undefined && e.message.kpis.peopleInside !== people,
        {
          timeoutMs: 20_000,
          what: 'occupancy to change',
          after: withAll.n,
        },
      );
      // The venues' tiles follow: their figures too go at most once a second.
      await reader.waitFor((e) => e.message.type === 'delta' && (e.message.live ?? []).some((l) => l.occupancy > 0), {
        timeoutMs: 3_000,
        what: "venues' live figures",
        after: later.n,
      });
      expect(healthReport(rt).ready).toBe(true);
      // Each frame arrives once and in order: event ids strictly increase.
      const seqs = reader.events.map((e) => Number(e.id!.split(':')[1]));
      expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
      expect(rt.metrics.accepted.sensor).toBeGreaterThan(100);
    });

    it('carries an injected incident from the simulator to the stream within seconds', async () => {
      const c = await mqtt.connectAsync(t.publishUrl(rt), { protocolVersion: t.protocolVersion, ...SIM });
      await c.publishAsync(
        t.env.mqttTopicPrefix + SCENARIO_TOPIC,
        JSON.stringify({ scenario: 'power-loss', venueId: venue.id, durationS: 600 }),
        { qos: 1 },
      );
      await c.endAsync();
      const e = await reader.waitFor(
        (ev) =>
          ev.message.type === 'delta' &&
          (ev.message.incidents ?? []).some(
            (i) => i.venueId === venue.id && i.kind === 'power_fault' && i.state === 'open',
          ),
        { timeoutMs: 15_000, what: 'the power fault incident' },
      );
      const d = e.message as StreamDelta;
      const live = d.live?.find((l) => l.id === venue.id);
      expect(live && 'worst' in live ? live.worst : undefined).toBe('critical');
    });

    it('counts and drops bad input from the wire without disturbing the stream', async () => {
      const before = rt.metrics.rejectedTotal;
      const c = await mqtt.connectAsync(t.publishUrl(rt), { protocolVersion: t.protocolVersion, ...SIM });
      const p = t.env.mqttTopicPrefix;
      await c.publishAsync(p + topics.sensor(venue.cityId, venue.id, 'temp-stand-1-1'), '{not json');
      await c.publishAsync(
        p + topics.sensor(venue.cityId, venue.id, 'temp-stand-1-1'),
        JSON.stringify({ ts: Date.now(), seq: 1, value: 'hot' }),
      );
      await c.publishAsync(
        p + topics.crowd(venue.cityId, venue.id, 'gate-1'),
        JSON.stringify({ ts: Date.now(), seq: 1e9, entries: 5, exits: 0, occupancy: 9 }),
      );
      await c.publishAsync(
        p + 'vcc/v1/hangzhou/unknown-venue/sensor/x',
        JSON.stringify({ ts: Date.now(), seq: 1, value: 1 }),
      );
      await c.endAsync();
      // The embedded broker stops an unknown venue before the ingest sees it (and hangs up on the
      // publisher); a site broker without our ACLs delivers it, and the ingest refuses it.
      const atIngest = ['malformed_json', 'schema', 'inconsistent_counts'];
      if (t.env.mqttUrl) atIngest.push('unknown_venue');
      await expect
        .poll(() => rt.metrics.rejectedTotal - before, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(atIngest.length);
      for (const reason of atIngest) {
        expect(rt.metrics.rejected.get(reason as never), reason).toBeGreaterThan(0);
      }
      if (!t.env.mqttUrl) expect(rt.metrics.brokerRefusals.get(`${SIM.username}\0unknown_venue`)).toBe(1);
      expect(renderMetrics(rt)).toMatch(/vcc_messages_rejected_total\{reason="schema"\} [1-9]/);
      // The alarm system's own figures, counted as the wall counts them.
      const now = Date.now();
      const metrics = renderMetrics(rt, now, await loadAlarmKpis(rt.alerts.db, now - 3600_000, now, null));
      expect(metrics).toMatch(/^vcc_alarms_unacknowledged\{severity="critical"\} \d+$/m);
      expect(metrics).toMatch(/^vcc_alarms_last_hour\{position="technology"\} \d+$/m);
      expect(metrics).toMatch(/^vcc_alarm_chattering_sources_last_hour 0$/m);
      // The history writer's state: how many minutes, and whether writes fail.
      expect(metrics).toMatch(/^vcc_history_minutes_written_total \d+$/m);
      expect(metrics).toMatch(/^vcc_history_write_failures_total 0$/m);
      await reader.waitFor(() => true, { timeoutMs: 5_000, what: 'the stream to keep flowing', after: reader.count });
    });

    it('gives a reconnecting client a fresh snapshot', async () => {
      const response = openEventStream(
        rt.hub,
        new Request('http://test/api/stream', { headers: { 'Last-Event-ID': 'old-server:12' } }),
      );
      const r2 = new SseReader(response.body!);
      const first = await r2.waitFor(() => true, { timeoutMs: 5_000, what: 'first event' });
      expect(first.message.type).toBe('snapshot');
      expect((first.message as StreamSnapshot).venues).toHaveLength(56);
      await response.body!.cancel().catch(() => {});
    });
  });
}

pipelineSuite('the embedded Aedes broker (in-process ingest)', async () => ({
  env: baseEnv({ embeddedMqttWsPort: 0 }),
  publishUrl: (rt) => `mqtt://127.0.0.1:${rt.embedded!.port}`,
  protocolVersion: 4,
}));

for (const version of [4, 5] as const) {
  pipelineSuite(`Mosquitto (MQTT ${version === 4 ? '3.1.1' : '5'})`, async () => {
    if (!(await reachable(MOSQUITTO_URL))) {
      throw new Error(
        `Mosquitto is not reachable at ${MOSQUITTO_URL}: start it (mosquitto -d) or set VCC_TEST_MOSQUITTO_URL`,
      );
    }
    return {
      env: baseEnv({
        mqttUrl: MOSQUITTO_URL,
        mqttProtocolVersion: version,
        mqttTopicPrefix: `vcc-test-${process.pid}-${version}/`,
      }),
      publishUrl: () => MOSQUITTO_URL,
      protocolVersion: version,
    };
  });
}

describe('the embedded broker over WebSocket', () => {
  it('accepts a venue publisher on MQTT over WebSocket', async () => {
    const rt = await createFeedRuntime(baseEnv({ embeddedMqttWsPort: 0 }));
    try {
      const wsPort = rt.embedded!.wsPort!;
      const c = await mqtt.connectAsync(`ws://127.0.0.1:${wsPort}`, { protocolVersion: 4, ...SIM });
      const venue = VENUES[0]!;
      const { Simulator } = await import('../../telemetry-sim/simulator');
      const registry = new Simulator({ seed: 1, scale: 1, startMs: Date.now() }).registryMessages(Date.now())[0]!;
      await c.publishAsync(registry.topic, registry.payload, { qos: 1, retain: true });
      await c.publishAsync(
        topics.crowd(venue.cityId, venue.id, 'gate-1'),
        JSON.stringify({ ts: Date.now(), seq: 1, entries: 7, exits: 2, occupancy: 5 }),
      );
      await c.endAsync();
      await expect
        .poll(() => rt.model.venues.get(venue.id)?.zones.get('gate-1')?.occupancy, { timeout: 5_000 })
        .toBe(5);
    } finally {
      await rt.close();
    }
  });
});
