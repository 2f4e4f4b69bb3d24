/**
 * Latency at 10k msg/s: publish -> folded into the model (p50/p99), and publish -> delta
 * received by a city-wall stream client (a city KPI, moved by a jump of the crowd, sent at once; a venue tile,
 * whose figures go at most once a second), through Mosquitto and through the embedded broker. The
 * publisher is another process; both stamp wall-clock ms (±0.5 ms resolution).
 */
import { parseArgs } from 'node:util';
import type { StreamDelta } from '../lib/contracts/stream';
import { createIngest, type Ingest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { connectMqttFeed } from '../lib/ingest/mqtt-feed';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { openEventStream } from '../lib/stream/event-stream';
import { StreamHub } from '../lib/stream/stream-hub';
import { SseReader } from '../lib/testing/sse-reader';
import { probeIndex } from './probe-count';
import {
  clearRetained,
  median,
  MOSQUITTO_URL,
  percentile,
  RUNS,
  startDemoEmbeddedBroker,
  startLoadPublisher,
} from './harness';

const RATE = 10_000;
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const FLUSH_MS = 200;
const wallNow = () => performance.timeOrigin + performance.now();
const tsOf = (payload: Uint8Array) =>
  Number(Buffer.from(payload.buffer, payload.byteOffset, 20).toString('latin1').slice(6, 19));

async function measure(kind: 'mosquitto' | 'embedded', prefix: string) {
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const inner = createIngest(model, metrics, new RateLimitedLog());
  const fold: number[] = [];
  const probeSentAt = new Map<number, number>();
  const ingest: Ingest = {
    handle(topic, payload, now) {
      const r = inner.handle(topic, payload, now);
      if (r !== null) return r;
      if (topic.includes('/sensor/')) fold.push(wallNow() - tsOf(payload));
      else if (topic.includes('/crowd/')) {
        const body = JSON.parse(Buffer.from(payload).toString()) as { ts: number; occupancy: number };
        probeSentAt.set(body.occupancy, body.ts);
      }
      return r;
    },
  };
  const hub = new StreamHub(model, metrics, { flushMs: FLUSH_MS });
  hub.start();
  let url = MOSQUITTO_URL;
  let close: () => Promise<void>;
  if (kind === 'mosquitto') {
    const feed = connectMqttFeed({ url, protocolVersion: 4, topicPrefix: prefix }, ingest);
    while (!feed.status.subscribed) await new Promise((r) => setTimeout(r, 20));
    close = feed.close;
  } else {
    const broker = await startDemoEmbeddedBroker(ingest);
    url = `mqtt://127.0.0.1:${broker.port}`;
    close = broker.close;
    prefix = '';
  }
  const abort = new AbortController();
  const reader = new SseReader(
    openEventStream(hub, new Request('http://bench/', { signal: abort.signal })).body!,
    100_000,
  );

  // A probe every 250 ms: each moves the count by a thousand from the one before, and the stream sends each
  // (at most one flush per 100 ms). Probes 50 ms apart had every flush see the same parity, odd or even: the
  // count crept by a few people between flushes, never a jump.
  const pub = startLoadPublisher({ url, count: RATE * SECONDS, rate: RATE, prefix, probeEvery: RATE / 4 });
  await pub.ready;
  const fold0 = fold.length;
  const report = await pub.go();
  await new Promise((r) => setTimeout(r, 1000));
  abort.abort();
  hub.stop();
  await close();

  // Publish -> first delta showing that probe's count (or a later probe's): in the city's people inside
  // (a KPI: a jump goes at once) and on the venue's tile (its figures go out at most once a second).
  const probeVenue = model.venues.values().next().value!.id;
  const kpiSeen: { n: number; at: number }[] = [];
  const tileSeen: { n: number; at: number }[] = [];
  for (const e of reader.events) {
    const d = e.message as StreamDelta;
    if (d.kpis) kpiSeen.push({ n: d.kpis.peopleInside, at: e.receivedAt });
    const live = d.live?.find((l) => l.id === probeVenue);
    if (live) tileSeen.push({ n: live.occupancy, at: e.receivedAt });
  }
  const lags = (seen: { n: number; at: number }[]) => {
    const out: number[] = [];
    for (const [k, sentAt] of probeSentAt) {
      const first = seen.find((s) => probeIndex(s.n) >= probeIndex(k));
      if (first) out.push(first.at - sentAt);
    }
    return out;
  };
  const stream = lags(kpiSeen);
  const tile = lags(tileSeen);
  const folded = fold.slice(fold0);
  return {
    achievedRate: report.sent / report.seconds,
    foldP50: percentile(folded, 50),
    foldP99: percentile(folded, 99),
    streamP50: percentile(stream, 50),
    streamP99: percentile(stream, 99),
    tileP50: percentile(tile, 50),
    tileP99: percentile(tile, 99),
    probes: stream.length,
  };
}

export async function benchLatency() {
  const out: Record<string, unknown> = {};
  for (const kind of ['mosquitto', 'embedded'] as const) {
    const rows = [];
    for (let run = 1; run <= RUNS; run++) {
      const prefix = `bench-lat-${process.pid}-${run}/`;
      const r = await measure(kind, prefix);
      if (kind === 'mosquitto') await clearRetained(MOSQUITTO_URL, prefix);
      rows.push(r);
      console.log(
        `[latency] ${kind} run ${run}: ${Math.round(r.achievedRate)} msg/s; publish->folded p50 ${r.foldP50.toFixed(1)} ms p99 ${r.foldP99.toFixed(1)} ms; ` +
          `publish->stream city KPI p50 ${r.streamP50.toFixed(0)} ms p99 ${r.streamP99.toFixed(0)} ms, ` +
          `venue tile p50 ${r.tileP50.toFixed(0)} ms p99 ${r.tileP99.toFixed(0)} ms (${r.probes} probes, flush ${FLUSH_MS} ms)`,
      );
    }
    out[kind] = {
      foldP50: median(rows.map((r) => r.foldP50)),
      foldP99: median(rows.map((r) => r.foldP99)),
      streamP50: median(rows.map((r) => r.streamP50)),
      streamP99: median(rows.map((r) => r.streamP99)),
      tileP50: median(rows.map((r) => r.tileP50)),
      tileP99: median(rows.map((r) => r.tileP99)),
    };
  }
  return { rate: RATE, seconds: SECONDS, flushMs: FLUSH_MS, ...out };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  parseArgs({ options: {} });
  console.log(JSON.stringify(await benchLatency(), null, 2));
  process.exit(0);
}
