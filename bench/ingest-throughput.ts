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
import { clearRetained, median, MOSQUITTO_URL, RUNS, startDemoEmbeddedBroker, startRawFlood } from './harness';

const COUNT = Number(process.env.BENCH_INGEST_COUNT ?? 300_000);

interface Window {
  first: number;
  last: number;
  n: number;
}
const newWindow = (): Window => ({ first: 0, last: 0, n: 0 });
function mark(w: Window) {
  const t = performance.now();
  if (w.n === 0) w.first = t;
  w.last = t;
  w.n++;
}
const rateOf = (w: Window) => (w.n > 1 ? (w.n - 1) / ((w.last - w.first) / 1000) : 0);

async function until(cond: () => boolean, idleMs: number, w: Window, timeoutMs = 120_000) {
  const start = performance.now();
  while (!cond()) {
    await new Promise((r) => setTimeout(r, 100));
    const now = performance.now();
    if (w.n > 0 && now - w.last > idleMs) return; // the stream dried up (drops)
    if (now - start > timeoutMs) return;
  }
}

async function bareSubscriber(prefix: string): Promise<{ rate: number; received: number }> {
  const w = newWindow();
  const client = await mqtt.connectAsync(MOSQUITTO_URL, { protocolVersion: 4, clean: true });
  (client.stream as Socket).setNoDelay(true);
  client.on('message', (topic) => {
    if (topic.includes('/sensor/')) mark(w);
  });
  await client.subscribeAsync(prefix + SUBSCRIBE_ALL, { qos: 1 });
  const pub = startRawFlood({ url: MOSQUITTO_URL, count: COUNT, prefix });
  await pub.ready;
  await pub.go();
  await until(() => w.n >= COUNT, 2000, w);
  await client.endAsync();
  return { rate: rateOf(w), received: w.n };
}

function countingIngest(inner: Ingest, w: Window): Ingest {
  return {
    handle(topic, payload, now) {
      const r = inner.handle(topic, payload, now);
      if (r === null && topic.includes('/sensor/')) mark(w);
      return r;
    },
  };
}

async function serverFeed(prefix: string): Promise<{ rate: number; received: number; rejected: number }> {
  const w = newWindow();
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = countingIngest(createIngest(model, metrics, new RateLimitedLog()), w);
  const feed = connectMqttFeed({ url: MOSQUITTO_URL, protocolVersion: 4, topicPrefix: prefix }, ingest);
  while (!feed.status.subscribed) await new Promise((r) => setTimeout(r, 20));
  const pub = startRawFlood({ url: MOSQUITTO_URL, count: COUNT, prefix });
  await pub.ready;
  await pub.go();
  await until(() => w.n >= COUNT, 2000, w);
  await feed.close();
  return { rate: rateOf(w), received: w.n, rejected: metrics.rejectedTotal };
}

async function embedded(): Promise<{ rate: number; received: number }> {
  const w = newWindow();
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = countingIngest(createIngest(model, metrics, new RateLimitedLog()), w);
  const broker = await startDemoEmbeddedBroker(ingest);
  const pub = startRawFlood({ url: `mqtt://127.0.0.1:${broker.port}`, count: COUNT });
  await pub.ready;
  await pub.go();
  await until(() => w.n >= COUNT, 2000, w);
  await broker.close();
  return { rate: rateOf(w), received: w.n };
}

/**
 * The in-process path alone: packets handed to Aedes with broker.publish() (no socket, no
 * publisher process), delivered by aedes.subscribe to the ingest.
 */
async function embeddedInProcess(): Promise<{ rate: number; received: number }> {
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
  // Hand over in batches, yielding between them as a socket's reads would.
  for (let i = 0; i < packets.length; i++) {
    const [topic, payload] = packets[i]!;
    broker.broker.publish({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }, () => {});
    if (i % 512 === 511) await new Promise((r) => setImmediate(r));
  }
  await until(() => w.n >= COUNT, 2000, w);
  await broker.close();
  return { rate: rateOf(w), received: w.n };
}

export async function benchIngest() {
  const rows: { bare: number; server: number; ratio: number; embedded: number; inProcess: number }[] = [];
  // Warm both paths once (JIT of mqtt.js's parser is shared), uncounted.
  await bareSubscriber(`bench-${process.pid}-warm/a/`);
  await serverFeed(`bench-${process.pid}-warm/b/`);
  await clearRetained(MOSQUITTO_URL, `bench-${process.pid}-warm/a/`);
  await clearRetained(MOSQUITTO_URL, `bench-${process.pid}-warm/b/`);
  for (let run = 1; run <= RUNS; run++) {
    const prefix = `bench-${process.pid}-${run}/`;
    // Alternate which goes first, so neither always meets a warmer broker.
    let bare: Awaited<ReturnType<typeof bareSubscriber>>;
    let server: Awaited<ReturnType<typeof serverFeed>>;
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
    const row = {
      bare: bare.rate,
      server: server.rate,
      ratio: server.rate / bare.rate,
      embedded: emb.rate,
      inProcess: inProcess.rate,
    };
    rows.push(row);
    console.log(
      `[ingest] run ${run}: bare mqtt.js ${Math.round(bare.rate)} msg/s (${bare.received}/${COUNT}), ` +
        `server ${Math.round(server.rate)} msg/s (${server.received}/${COUNT}, ${server.rejected} rejected), ratio ${row.ratio.toFixed(2)}; ` +
        `embedded, publisher over TCP ${Math.round(emb.rate)} msg/s (${emb.received}/${COUNT}); ` +
        `embedded in-process delivery ${Math.round(inProcess.rate)} msg/s (${inProcess.received}/${COUNT})`,
    );
  }
  return {
    messages: COUNT,
    bareMedian: median(rows.map((r) => r.bare)),
    serverMedian: median(rows.map((r) => r.server)),
    ratioMedian: median(rows.map((r) => r.ratio)),
    embeddedMedian: median(rows.map((r) => r.embedded)),
    inProcessMedian: median(rows.map((r) => r.inProcess)),
    runs: rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchIngest();
  console.log(JSON.stringify({ ...r, runs: undefined }, null, 2));
  process.exit(0);
}
