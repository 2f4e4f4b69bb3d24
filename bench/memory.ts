/**
 * Server memory under a long feed: heap after GC once 100k messages have been folded, and
 * again at 1M. Messages go straight into ingest (no broker) with sensor time advancing a
 * minute per round, so every ring buffer wraps and cleared incidents age out.
 * Needs --expose-gc.
 */
import { topics } from '../lib/contracts/topics';
import { createIngest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { StreamHub } from '../lib/stream/stream-hub';
import { Simulator } from '../telemetry-sim/simulator';
import { gc, median, RUNS } from './harness';

const TOTAL = Number(process.env.BENCH_MEMORY_COUNT ?? 1_000_000);
const WARM = TOTAL / 10;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function once() {
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = createIngest(model, metrics, new RateLimitedLog(10_000, () => {}));
  const hub = new StreamHub(model, metrics, {});
  hub.connect(() => true); // one client, so deltas are built and serialised
  const t0 = Date.now() - 24 * 3600_000;
  const sim = new Simulator({ seed: 9, scale: 1, startMs: t0 });
  for (const m of sim.registryMessages(t0)) ingest.handle(m.topic, Buffer.from(m.payload), t0);
  const sensors = sim.venues.flatMap((v) =>
    v.world.def.sensors.map((s) => ({ topic: topics.sensor(v.cityId, v.id, s.id) })),
  );
  const enc = new TextEncoder();
  let n = 0;
  let round = 0;
  let incident = 0;
  let warmHeap = 0;
  while (n < TOTAL) {
    round++;
    const ts = t0 + round * 60_000;
    for (const s of sensors) {
      ingest.handle(s.topic, enc.encode(`{"ts":${ts},"seq":${round},"value":${(n % 113) / 3}}`), ts);
      if (++n === WARM) warmHeap = heapAfterGc();
      if (n >= TOTAL) break;
    }
    // A few incidents a round, raised and cleared, so the incident maps turn over.
    for (let k = 0; k < 5; k++) {
      incident++;
      const v = sim.venues[incident % sim.venues.length]!;
      const id = `inc-${incident}`;
      const open = { ts, seq: 1, kind: 'scanner_failure', severity: 'minor', state: 'open', title: 'bench' };
      ingest.handle(topics.incident(v.cityId, v.id, id), enc.encode(JSON.stringify(open)), ts);
      ingest.handle(
        topics.incident(v.cityId, v.id, id),
        enc.encode(JSON.stringify({ ...open, ts: ts + 1, seq: 2, state: 'cleared' })),
        ts + 1,
      );
    }
    hub.flush(ts);
  }
  const endHeap = heapAfterGc();
  return { warmHeap, endHeap, ratio: endHeap / warmHeap, rounds: round };
}

export async function benchMemory() {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');
  const rows = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await once();
    rows.push(r);
    console.log(
      `[memory] run ${run}: heap after GC at ${WARM / 1000}k ${(r.warmHeap / 2 ** 20).toFixed(1)} MiB, at ${TOTAL / 1e6}M ${(r.endHeap / 2 ** 20).toFixed(1)} MiB, ratio ${r.ratio.toFixed(3)}`,
    );
  }
  return {
    warmAt: WARM,
    total: TOTAL,
    warmHeapMiB: median(rows.map((r) => r.warmHeap)) / 2 ** 20,
    endHeapMiB: median(rows.map((r) => r.endHeap)) / 2 ** 20,
    ratio: median(rows.map((r) => r.ratio)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchMemory(), null, 2));
  process.exit(0);
}
