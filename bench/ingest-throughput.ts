/**
 * Ingest throughput: messages per second the server validates and folds, against a bare
 * mqtt.js subscriber through the same Mosquitto in the same run; and the embedded default's
 * in-process path (Aedes + aedes.subscribe, no client).
 */
import type { Socket } from 'node:net';
import mqtt from 'mqtt';
import { SUBSCRIBE_ALL, topics } from '../lib/contracts/topics';
import { Simulator } from '../telemetry-sim/simulator';
import { createIngest, type Ingest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { connectMqttFeed } from '../lib/ingest/mqtt-feed';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import {
  clearRetained,
  median,
  MOSQUITTO_URL,
  RUNS,
  startDemoEmbeddedBroker,
  startRawFlood,
  type LoadPublisher,
} from './harness';
import { VENUES } from '../telemetry-sim/venues';

const COUNT = Number(process.env.BENCH_INGEST_COUNT ?? 300_000);

/**
 * One flood's count. Timed from the moment the flood starts (`start`, set at go) to the last reading
 * received: a receiver that lags drains its backlog inside the window, and one that loses readings
 * says so. (It was timed from the first reading counted: a server folding 1.7 MB of retained
 * registries while the flood piled up in the broker then drained that backlog at memory speed,
 * and reported 1.28x the bare subscriber; a run that received 240,304 of 300,000 reported its rate
 * without the loss.)
 */
interface Window {
  start: number;
  last: number;
  /** Readings that reached the receiver (the ingest's door, or the bare client). */
  received: number;
  /** Of those, folded into the model (the bare client folds nothing: equal to received). */
  folded: number;
}
const newWindow = (): Window => ({ start: 0, last: 0, received: 0, folded: 0 });

export interface FloodCount {
  /** Readings per second received, from the flood's start to the last one. */
  rate: number;
  sent: number;
  received: number;
  folded: number;
  lost: number;
  seconds: number;
}

function countOf(w: Window, sent: number): FloodCount {
  const seconds = (w.last - w.start) / 1000;
  return {
    rate: w.received > 0 && seconds > 0 ? w.received / seconds : 0,
    sent,
    received: w.received,
    folded: w.folded,
    lost: sent - w.received,
    seconds,
  };
}

const describe = (c: FloodCount) =>
  `${Math.round(c.rate)} msg/s (sent ${c.sent}, received ${c.received}, folded ${c.folded}, lost ${c.lost}, ${c.seconds.toFixed(2)} s)`;

async function until(cond: () => boolean, idleMs: number, w: Window, timeoutMs = 120_000) {
  const start = performance.now();
  while (!cond()) {
    await new Promise((r) => setTimeout(r, 100));
    const now = performance.now();
    if (w.received > 0 && now - w.last > idleMs) return; // the stream dried up (drops)
    if (now - start > timeoutMs) return;
  }
}

/** Starts the flood (the window opens now) and waits until every reading arrived or the stream dried up. */
async function flood(pub: LoadPublisher, w: Window): Promise<FloodCount> {
  w.start = performance.now();
  const report = await pub.go();
  await until(() => w.received >= report.sent, 2000, w);
  return countOf(w, report.sent);
}

/** Waits until `ready` (the retained registries are in), so the flood's window times the readings alone. */
async function registriesIn(ready: () => boolean): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (!ready() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (!ready()) throw new Error('the registries did not arrive within 30 s');
}

async function bareSubscriber(prefix: string): Promise<FloodCount> {
  const w = newWindow();
  let registries = 0;
  const client = await mqtt.connectAsync(MOSQUITTO_URL, { protocolVersion: 4, clean: true });
  (client.stream as Socket).setNoDelay(true);
  client.on('message', (topic) => {
    if (topic.includes('/sensor/')) {
      w.last = performance.now();
      w.received++;
      w.folded++;
    } else if (topic.endsWith('/registry')) registries++;
  });
  await client.subscribeAsync(prefix + SUBSCRIBE_ALL, { qos: 1 });
  const pub = startRawFlood({ url: MOSQUITTO_URL, count: COUNT, prefix });
  await pub.ready;
  await registriesIn(() => registries >= VENUES.length);
  const count = await flood(pub, w);
  await client.endAsync();
  return count;
}

/** Counts the readings that reach the ingest, and those it folds. */
function countingIngest(inner: Ingest, w: Window): Ingest {
  return {
    handle(topic, payload, now) {
      const r = inner.handle(topic, payload, now);
      if (topic.includes('/sensor/')) {
        w.last = performance.now();
        w.received++;
        if (r === null) w.folded++;
      }
      return r;
    },
  };
}

const defined = (model: SituationModel) => [...model.venues.values()].filter((v) => v.def).length;

async function serverFeed(prefix: string): Promise<FloodCount> {
  const w = newWindow();
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = countingIngest(createIngest(model, metrics, new RateLimitedLog()), w);
  const feed = connectMqttFeed({ url: MOSQUITTO_URL, protocolVersion: 4, topicPrefix: prefix }, ingest);
  while (!feed.status.subscribed) await new Promise((r) => setTimeout(r, 20));
  const pub = startRawFlood({ url: MOSQUITTO_URL, count: COUNT, prefix });
  await pub.ready;
  await registriesIn(() => defined(model) >= VENUES.length);
  const count = await flood(pub, w);
  await feed.close();
  return count;
}

async function embedded(): Promise<FloodCount> {
  const w = newWindow();
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = countingIngest(createIngest(model, metrics, new RateLimitedLog()), w);
  const broker = await startDemoEmbeddedBroker(ingest);
  const pub = startRawFlood({ url: `mqtt://127.0.0.1:${broker.port}`, count: COUNT });
  await pub.ready;
  await registriesIn(() => defined(model) >= VENUES.length);
  const count = await flood(pub, w);
  await broker.close();
  return count;
}

/**
 * The in-process path alone: packets handed to Aedes with broker.publish() (no socket, no
 * publisher process), delivered by aedes.subscribe to the ingest.
 */
async function embeddedInProcess(): Promise<FloodCount> {
  const w = newWindow();
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = countingIngest(createIngest(model, metrics, new RateLimitedLog()), w);
  const broker = await startDemoEmbeddedBroker(ingest);
  const sim = new Simulator({ seed: 42, scale: 1, startMs: Date.now() });
  for (const m of sim.registryMessages(Date.now())) {
    await new Promise<void>((r) =>
      broker.broker.publish(
        { cmd: 'publish', topic: m.topic, payload: Buffer.from(m.payload), qos: 0, retain: false, dup: false },
        () => r(),
      ),
    );
  }
  const sensors = sim.venues.flatMap((v) => v.world.def.sensors.map((s) => topics.sensor(v.cityId, v.id, s.id)));
  const ts = Date.now();
  const packets = Array.from({ length: COUNT }, (_, i) => {
    const round = Math.floor(i / sensors.length) + 1;
    return [
      sensors[i % sensors.length]!,
      Buffer.from(`{"ts":${ts + round},"seq":${round},"value":${i % 97}}`),
    ] as const;
  });
  // Hand over in batches, yielding between them as a socket's reads would; the window opens with the first.
  w.start = performance.now();
  for (let i = 0; i < packets.length; i++) {
    const [topic, payload] = packets[i]!;
    broker.broker.publish({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }, () => {});
    if (i % 512 === 511) await new Promise((r) => setImmediate(r));
  }
  await until(() => w.received >= COUNT, 2000, w);
  await broker.close();
  return countOf(w, COUNT);
}

export async function benchIngest() {
  const rows: { bare: FloodCount; server: FloodCount; ratio: number; embedded: FloodCount; inProcess: FloodCount }[] =
    [];
  // Warm both paths once (JIT of mqtt.js's parser is shared), uncounted.
  await bareSubscriber(`bench-${process.pid}-warm/a/`);
  await serverFeed(`bench-${process.pid}-warm/b/`);
  await clearRetained(MOSQUITTO_URL, `bench-${process.pid}-warm/a/`);
  await clearRetained(MOSQUITTO_URL, `bench-${process.pid}-warm/b/`);
  for (let run = 1; run <= RUNS; run++) {
    const prefix = `bench-${process.pid}-${run}/`;
    // Alternate which goes first, so neither always meets a warmer broker.
    let bare: FloodCount;
    let server: FloodCount;
    if (run % 2 === 1) {
      bare = await bareSubscriber(prefix + 'a/');
      server = await serverFeed(prefix + 'b/');
    } else {
      server = await serverFeed(prefix + 'b/');
      bare = await bareSubscriber(prefix + 'a/');
    }
    const emb = await embedded();
    const inProcess = await embeddedInProcess();
    await clearRetained(MOSQUITTO_URL, prefix + 'a/');
    await clearRetained(MOSQUITTO_URL, prefix + 'b/');
    const row = { bare, server, ratio: server.rate / bare.rate, embedded: emb, inProcess };
    rows.push(row);
    console.log(
      `[ingest] run ${run}, timed from the flood's start: bare mqtt.js ${describe(bare)}; server ${describe(server)}; ` +
        `ratio ${row.ratio.toFixed(2)}; embedded, publisher over TCP ${describe(emb)}; ` +
        `embedded in-process delivery ${describe(inProcess)}`,
    );
  }
  const med = (pick: (r: (typeof rows)[number]) => number) => median(rows.map(pick));
  return {
    messages: COUNT,
    timed: "from the flood's start to the last reading received",
    bareMedian: med((r) => r.bare.rate),
    serverMedian: med((r) => r.server.rate),
    ratioMedian: med((r) => r.ratio),
    embeddedMedian: med((r) => r.embedded.rate),
    inProcessMedian: med((r) => r.inProcess.rate),
    lostMedian: {
      bare: med((r) => r.bare.lost),
      server: med((r) => r.server.lost),
      embedded: med((r) => r.embedded.lost),
      inProcess: med((r) => r.inProcess.lost),
    },
    runs: rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchIngest();
  console.log(JSON.stringify({ ...r, runs: undefined }, null, 2));
  process.exit(0);
}
