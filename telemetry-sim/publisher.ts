/**
 * Publishes the simulated world to an MQTT broker in real time: presence with a last
 * will, the retained registry on every (re)connect, then a tick every `tickMs`.
 * Scenario commands arrive on `vcc-sim/v1/scenario` (not part of the public contract).
 */
import type { Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import type { PresencePayloadT } from '../lib/contracts/payloads.schema';
import { SCENARIO_TOPIC, topics } from '../lib/contracts/topics';
import { DEMO_SIM_PASSWORD, DEMO_SIM_USERNAME } from './demo-credentials';
import { Simulator, type OutMessage, type ScenarioCommand, type SimOptions } from './simulator';

export { SCENARIO_TOPIC };
/** Bytes queued on the socket past which QoS 0 telemetry is dropped (and counted) rather than buffered. */
const MAX_SOCKET_BACKLOG = 8 * 1024 * 1024;

export interface PublisherOptions extends Omit<SimOptions, 'startMs'> {
  url: string;
  topicPrefix?: string;
  protocolVersion?: 4 | 5;
  /** The broker identity. @default the demo's simulator (telemetry-sim/demo-credentials) */
  username?: string;
  password?: string;
  /** Presence id; a broker with identities accepts only the user name. @default the user name */
  publisherId?: string;
  /** Stop after this many ms (for tests and benchmarks). */
  durationMs?: number;
  log?: (line: string) => void;
}

export interface RunningPublisher {
  readonly simulator: Simulator;
  readonly client: MqttClient;
  readonly stats: PublisherStats;
  scenario(cmd: ScenarioCommand): void;
  stop(): Promise<void>;
  /** Resolves when the run ends (duration reached or stop()). */
  done: Promise<void>;
}

/** What the simulator sent and what it could not, by cause: it never drops silently. */
export interface PublisherStats {
  published: number;
  /** QoS 0 messages not sent, all causes below together. */
  dropped: number;
  /** ... while not connected, or before the broker acknowledged the registry. */
  droppedOffline: number;
  /** ... because more than MAX_SOCKET_BACKLOG bytes were waiting on the socket (the broker reads slower). */
  droppedBackpressure: number;
  /** Ticks never generated because the simulator fell more than 20 ticks behind the clock (its CPU is the limit). */
  ticksSkipped: number;
  /** Their messages, estimated from the mean per generated tick. */
  droppedBehind: number;
  ticks: number;
  /** The latest a tick ran after its time, since the last `takeMaxBehind()`. */
  maxBehindMs: number;
}

/** One line for the log: what was sent and what was not, and why. */
export function describeStats(s: PublisherStats): string {
  return (
    `[sim] published ${s.published} messages; not sent ${s.dropped} ` +
    `(offline or registry unacknowledged ${s.droppedOffline}, broker backpressure ${s.droppedBackpressure}, ` +
    `simulator behind ${s.droppedBehind} in ${s.ticksSkipped} skipped ticks); ticks ran up to ${Math.round(s.maxBehindMs)} ms late`
  );
}

const STATS_LINE =
  /\[sim\] published (\d+) messages; not sent (\d+) \(offline or registry unacknowledged (\d+), broker backpressure (\d+), simulator behind (\d+) in (\d+) skipped ticks\); ticks ran up to (\d+) ms late/;

/** The last stats line in `text` (for benchmarks that run the simulator as a process). */
export function parseStatsLine(
  text: string,
): Pick<
  PublisherStats,
  'published' | 'dropped' | 'droppedOffline' | 'droppedBackpressure' | 'droppedBehind' | 'ticksSkipped' | 'maxBehindMs'
> | null {
  const all = [...text.matchAll(new RegExp(STATS_LINE, 'g'))];
  const m = all.at(-1);
  if (!m) return null;
  const [published, dropped, droppedOffline, droppedBackpressure, droppedBehind, ticksSkipped, maxBehindMs] = m
    .slice(1)
    .map(Number) as [number, number, number, number, number, number, number];
  return { published, dropped, droppedOffline, droppedBackpressure, droppedBehind, ticksSkipped, maxBehindMs };
}

export function startPublisher(opts: PublisherOptions): RunningPublisher {
  const log = opts.log ?? ((l: string) => console.log(l));
  const prefix = opts.topicPrefix ?? '';
  const username = opts.username ?? DEMO_SIM_USERNAME;
  const publisherId = opts.publisherId ?? username;
  const simulator = new Simulator({ ...opts, startMs: Date.now() });
  const presence = (online: boolean): string =>
    JSON.stringify({ ts: Date.now(), online, publisher: 'telemetry-sim', simulated: true } satisfies PresencePayloadT);
  const client = mqtt.connect(opts.url, {
    clientId: `${publisherId}-${process.pid}-${Math.random().toString(16).slice(2, 6)}`,
    protocolVersion: opts.protocolVersion ?? 4,
    clean: true,
    reconnectPeriod: 1000,
    username,
    password: opts.password ?? DEMO_SIM_PASSWORD,
    will: { topic: prefix + topics.presence(publisherId), payload: Buffer.from(presence(false)), qos: 1, retain: true },
  });
  const stats: PublisherStats = {
    published: 0,
    dropped: 0,
    droppedOffline: 0,
    droppedBackpressure: 0,
    ticksSkipped: 0,
    droppedBehind: 0,
    ticks: 0,
    maxBehindMs: 0,
  };
  let generated = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const startedAt = Date.now();

  const send = (m: OutMessage) => {
    // No per-message callback: on a congested socket each one would add a 'drain' listener.
    client.publish(prefix + m.topic, m.payload, { qos: m.qos, retain: m.retain });
    stats.published++;
  };

  // Telemetry waits until the broker has acknowledged every registry: a broker may deliver a
  // QoS 0 reading before an earlier QoS 1 registry, and a reading for an undefined venue is refused.
  let registered = false;
  client.on('connect', () => {
    (client.stream as Partial<Socket>).setNoDelay?.(true);
    registered = false;
    send({ topic: topics.presence(publisherId), payload: presence(true), qos: 1, retain: true });
    const registries = simulator.registryMessages(Date.now());
    let unacknowledged = registries.length;
    for (const m of registries) {
      client.publish(prefix + m.topic, m.payload, { qos: m.qos, retain: m.retain }, (err) => {
        if (!err && --unacknowledged === 0) registered = true;
      });
      stats.published++;
    }
    client.subscribe(prefix + SCENARIO_TOPIC, { qos: 1 });
    log(`[sim] connected to ${opts.url}: ${simulator.venues.length} venues, registry published`);
  });
  client.on('message', (topic, payload) => {
    if (topic !== prefix + SCENARIO_TOPIC) return;
    try {
      scenario(JSON.parse(payload.toString()) as ScenarioCommand);
    } catch (e) {
      log(`[sim] bad scenario command: ${(e as Error).message}`);
    }
  });
  client.on('error', (e) => log(`[sim] ${e.message}`));

  function scenario(cmd: ScenarioCommand) {
    const messages = simulator.applyScenario(cmd, Date.now());
    for (const m of messages) send(m);
    log(`[sim] scenario ${cmd.scenario} at ${cmd.venueId}`);
  }

  // Ticks follow the wall clock; a late tick is caught up, not skipped, so games time stays honest.
  let nextAt = Date.now() + simulator.tickMs;
  const loop = () => {
    if (stopped) return;
    const now = Date.now();
    if (opts.durationMs !== undefined && now - startedAt >= opts.durationMs) {
      void stop();
      return;
    }
    let catchUp = 0;
    while (nextAt <= now && catchUp++ < 20) {
      stats.maxBehindMs = Math.max(stats.maxBehindMs, now - nextAt);
      const batch = simulator.tick(nextAt);
      stats.ticks++;
      generated += batch.length;
      nextAt += simulator.tickMs;
      const backlog = (client.stream as Partial<Socket> | undefined)?.writableLength ?? 0;
      const offline = !client.connected || !registered;
      for (const m of batch) {
        if (m.qos === 0 && (offline || backlog > MAX_SOCKET_BACKLOG)) {
          stats.dropped++;
          if (offline) stats.droppedOffline++;
          else stats.droppedBackpressure++;
          continue;
        }
        send(m);
      }
    }
    if (catchUp > 20) {
      // Far behind: skip ahead rather than spiral, and count what the skipped ticks would have sent.
      const skipped = Math.floor((now - nextAt) / simulator.tickMs) + 1;
      const estimate = Math.round((skipped * generated) / Math.max(1, stats.ticks));
      stats.ticksSkipped += skipped;
      stats.droppedBehind += estimate;
      stats.dropped += estimate;
      nextAt += skipped * simulator.tickMs;
    }
    timer = setTimeout(loop, Math.max(0, nextAt - Date.now()));
  };
  timer = setTimeout(loop, simulator.tickMs);

  async function stop() {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    if (client.connected) {
      await new Promise<void>((r) =>
        client.publish(prefix + topics.presence(publisherId), presence(false), { qos: 1, retain: true }, () => r()),
      );
    }
    await new Promise<void>((r) => client.end(false, {}, () => r()));
    resolveDone();
  }

  return { simulator, client, stats, scenario, stop, done };
}
