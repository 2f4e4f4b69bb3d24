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
  readonly stats: { published: number; dropped: number; ticks: number };
  scenario(cmd: ScenarioCommand): void;
  stop(): Promise<void>;
  /** Resolves when the run ends (duration reached or stop()). */
  done: Promise<void>;
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
  const stats = { published: 0, dropped: 0, ticks: 0 };
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
      const batch = simulator.tick(nextAt);
      stats.ticks++;
      nextAt += simulator.tickMs;
      const backlog = (client.stream as Partial<Socket> | undefined)?.writableLength ?? 0;
      for (const m of batch) {
        if (!client.connected || !registered || (m.qos === 0 && backlog > MAX_SOCKET_BACKLOG)) {
          if (m.qos === 0) {
            stats.dropped++;
            continue;
          }
        }
        send(m);
      }
    }
    if (catchUp > 20) nextAt = now + simulator.tickMs; // far behind: skip ahead rather than spiral
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
