/**
 * Overload: several times more telemetry than the server folds, for ~10 s, through
 * Mosquitto. A raw publisher (bench/raw-flood.ts) offers what Mosquitto accepts; the server
 * folds what it can, Mosquitto drops the rest for our subscriber. Records that the process
 * survives, its heap stays bounded, what was lost is counted (vcc_messages_lost_total, from
 * sequence gaps), and how long after the flood the publish -> folded lag is normal again
 * under a steady 10k msg/s. The achieved multiple is measured, not assumed.
 */
import { createIngest, type Ingest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { connectMqttFeed } from '../lib/ingest/mqtt-feed';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { openEventStream } from '../lib/stream/event-stream';
import { StreamHub } from '../lib/stream/stream-hub';
import { SseReader } from '../lib/testing/sse-reader';
import { clearRetained, median, MOSQUITTO_URL, percentile, RUNS, startLoadPublisher, startRawFlood } from './harness';

/** Messages in the flood: ~10 s at what one raw publisher pushes into Mosquitto here. */
const FLOOD_COUNT = Number(process.env.BENCH_OVERLOAD_COUNT ?? 800_000);
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

  await new Promise((r) => setTimeout(r, 500));
  const heapBefore = process.memoryUsage().heapUsed;
  const lostBefore = model.lostMessages;

  // The flood: raw pre-encoded PUBLISH packets, as fast as Mosquitto takes them.
  const flood = startRawFlood({ url: MOSQUITTO_URL, count: FLOOD_COUNT, prefix });
  await flood.ready;
  const report = await flood.go();
  const floodEnd = performance.now() - t0;
  const floodStart = floodEnd - report.seconds * 1000;
  const offered = report.sent / report.seconds;

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
  const foldedDuring = median(during.map((s) => s.rate));
  const after = samples.filter((s) => s.t > floodEnd);
  const firstNormal = after.find(
    (s, i) => s.p99 > 0 && s.p99 < NORMAL_P99_MS && after.slice(i, i + 4).every((x) => x.p99 < NORMAL_P99_MS),
  );
  return {
    offered,
    foldedDuring,
    multiple: offered / foldedDuring,
    floodSeconds: report.seconds,
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
      `[overload] run ${run}: offered ${Math.round(r.offered)} msg/s for ${r.floodSeconds.toFixed(1)} s, folded ${Math.round(r.foldedDuring)} msg/s ` +
        `(${r.multiple.toFixed(2)}x overload); heap ${r.heapBeforeMiB.toFixed(0)} -> max ${r.heapMaxMiB.toFixed(0)} MiB; ` +
        `worst window p99 ${r.worstP99.toFixed(0)} ms; lost upstream ${r.lost}; back under ${NORMAL_P99_MS} ms p99 ${r.recoveryS.toFixed(2)} s after; stream ${r.streamAlive ? 'alive' : 'DEAD'}`,
    );
  }
  return {
    offered: median(rows.map((r) => r.offered)),
    foldedDuring: median(rows.map((r) => r.foldedDuring)),
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
