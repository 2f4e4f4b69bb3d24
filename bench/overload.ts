/**
 * Overload: more telemetry than the server folds, for ~10 s, through Mosquitto. Records that
 * the process survives, its heap stays bounded, what was lost upstream is counted
 * (vcc_messages_lost_total, from sequence gaps), and how long after the flood the
 * publish -> folded lag is back to normal under a steady 10k msg/s.
 *
 * On a 2-core machine the offered load is what two publisher processes can send while
 * sharing the cores with the broker and the server; the achieved multiple of the
 * sustainable rate is reported, not assumed.
 */
import { createIngest, type Ingest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { connectMqttFeed } from '../lib/ingest/mqtt-feed';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { openEventStream } from '../lib/stream/event-stream';
import { StreamHub } from '../lib/stream/stream-hub';
import { SseReader } from '../lib/testing/sse-reader';
import { clearRetained, median, MOSQUITTO_URL, percentile, RUNS, startLoadPublisher } from './harness';

const SUSTAINED_COUNT = 200_000;
const FLOOD_PER_PUBLISHER = Number(process.env.BENCH_OVERLOAD_COUNT ?? 500_000);
const RECOVERY_RATE = 10_000;
const RECOVERY_SECONDS = 15;
/** Lag p99 (per 250 ms window) under which the server counts as back to normal. */
const NORMAL_P99_MS = 20;
const wallNow = () => performance.timeOrigin + performance.now();
const tsOf = (payload: Uint8Array) =>
  Number(Buffer.from(payload.buffer, payload.byteOffset, 20).toString('latin1').slice(6, 19));

async function once(prefix: string) {
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const inner = createIngest(model, metrics, new RateLimitedLog(10_000, () => {}));
  let folded = 0;
  let windowLags: number[] = [];
  const ingest: Ingest = {
    handle(topic, payload, now) {
      const r = inner.handle(topic, payload, now);
      if (r === null && topic.includes('/sensor/')) {
        folded++;
        windowLags.push(wallNow() - tsOf(payload));
      }
      return r;
    },
  };
  const hub = new StreamHub(model, metrics, { flushMs: 200 });
  hub.start();
  const abort = new AbortController();
  const reader = new SseReader(openEventStream(hub, new Request('http://bench/', { signal: abort.signal })).body!, 50);
  const feed = connectMqttFeed({ url: MOSQUITTO_URL, protocolVersion: 4, topicPrefix: prefix }, ingest);
  while (!feed.status.subscribed) await new Promise((r) => setTimeout(r, 20));

  const samples: { t: number; heap: number; p99: number; rate: number }[] = [];
  let lastFolded = 0;
  const t0 = performance.now();
  const sampler = setInterval(() => {
    const lags = windowLags;
    windowLags = [];
    samples.push({
      t: performance.now() - t0,
      heap: process.memoryUsage().heapUsed,
      p99: lags.length ? percentile(lags, 99) : 0,
      rate: (folded - lastFolded) * 4,
    });
    lastFolded = folded;
  }, 250);

  // 1. What the server sustains from one publisher at full speed.
  const single = startLoadPublisher({ url: MOSQUITTO_URL, count: SUSTAINED_COUNT, prefix });
  await single.ready;
  const f0 = folded;
  const s0 = performance.now();
  await single.go();
  while (folded - f0 < SUSTAINED_COUNT * 0.98 && performance.now() - s0 < 30_000)
    await new Promise((r) => setTimeout(r, 50));
  const sustained = (folded - f0) / ((performance.now() - s0) / 1000);
  await new Promise((r) => setTimeout(r, 1000));
  const heapBefore = process.memoryUsage().heapUsed;
  const lostBefore = model.lostMessages;

  // 2. The flood: two publishers, disjoint halves of the sensors, as fast as they can.
  const flood = [0, 1].map((i) =>
    startLoadPublisher({ url: MOSQUITTO_URL, count: FLOOD_PER_PUBLISHER, prefix, shard: `${i}/2` }),
  );
  await Promise.all(flood.map((p) => p.ready));
  const floodStart = performance.now() - t0;
  const reports = await Promise.all(flood.map((p) => p.go()));
  const floodEnd = performance.now() - t0;
  const offered = reports.reduce((a, r) => a + r.sent / r.seconds, 0);

  // 3. Back to a steady 10k msg/s: how soon is the lag normal again?
  const steady = startLoadPublisher({
    url: MOSQUITTO_URL,
    count: RECOVERY_RATE * RECOVERY_SECONDS,
    rate: RECOVERY_RATE,
    prefix,
  });
  await steady.ready;
  await steady.go();
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(sampler);
  abort.abort();
  hub.stop();
  await feed.close();

  const during = samples.filter((s) => s.t >= floodStart && s.t <= floodEnd);
  const after = samples.filter((s) => s.t > floodEnd);
  const firstNormal = after.find(
    (s, i) => s.p99 > 0 && s.p99 < NORMAL_P99_MS && after.slice(i, i + 4).every((x) => x.p99 < NORMAL_P99_MS),
  );
  return {
    sustained,
    offered,
    multiple: offered / sustained,
    foldedDuring: median(during.map((s) => s.rate)),
    heapBeforeMiB: heapBefore / 2 ** 20,
    heapMaxMiB: Math.max(...during.map((s) => s.heap)) / 2 ** 20,
    worstP99: Math.max(...during.map((s) => s.p99)),
    lost: model.lostMessages - lostBefore,
    recoveryS: firstNormal ? (firstNormal.t - floodEnd) / 1000 : NaN,
    streamAlive: reader.count > 0,
  };
}

export async function benchOverload() {
  const rows = [];
  for (let run = 1; run <= RUNS; run++) {
    const prefix = `bench-over-${process.pid}-${run}/`;
    const r = await once(prefix);
    await clearRetained(MOSQUITTO_URL, prefix);
    rows.push(r);
    console.log(
      `[overload] run ${run}: sustained ${Math.round(r.sustained)} msg/s, offered ${Math.round(r.offered)} msg/s (${r.multiple.toFixed(2)}x), ` +
        `folded ${Math.round(r.foldedDuring)} msg/s during; heap ${r.heapBeforeMiB.toFixed(0)} -> max ${r.heapMaxMiB.toFixed(0)} MiB; ` +
        `worst window p99 ${r.worstP99.toFixed(0)} ms; lost upstream ${r.lost}; back under ${NORMAL_P99_MS} ms p99 ${r.recoveryS.toFixed(2)} s after; stream ${r.streamAlive ? 'alive' : 'DEAD'}`,
    );
  }
  return {
    sustained: median(rows.map((r) => r.sustained)),
    offered: median(rows.map((r) => r.offered)),
    multiple: median(rows.map((r) => r.multiple)),
    heapBeforeMiB: median(rows.map((r) => r.heapBeforeMiB)),
    heapMaxMiB: median(rows.map((r) => r.heapMaxMiB)),
    worstP99: median(rows.map((r) => r.worstP99)),
    lost: median(rows.map((r) => r.lost)),
    recoveryS: median(rows.map((r) => r.recoveryS)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchOverload(), null, 2));
  process.exit(0);
}
