/**
 * The door alone: `ingest.handle` in a loop over pre-encoded readings of every simulated
 * sensor (no broker, no socket), with the venue catalogue as the server runs it. What each
 * message pays for validation and folding, and nothing else.
 *
 *   node --expose-gc --conditions=react-server --import tsx bench/ingest-door.ts
 *
 * The same file runs unchanged against an older checkout (its createIngest ignores the
 * options), which is how docs/benchmarks.md compares before and after a change to the door.
 */
import { readFileSync } from 'node:fs';
import { topics } from '../lib/contracts/topics';
import { createIngest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { Simulator } from '../telemetry-sim/simulator';

const ROUNDS = Number(process.env.BENCH_DOOR_ROUNDS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export interface DoorResult {
  messagesPerSecond: number;
  runs: number[];
  sent: number;
  accepted: number;
  rejected: number;
}

function catalogue(): Map<string, string> {
  const file = JSON.parse(readFileSync('config/venues.json', 'utf8')) as { venues: { id: string; cityId: string }[] };
  return new Map(file.venues.map((v) => [v.id, v.cityId]));
}

function once(): { rate: number; sent: number; accepted: number; rejected: number } {
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = createIngest(model, metrics, new RateLimitedLog(10_000, () => {}), { catalogue: catalogue() });
  const t0 = Date.now();
  const sim = new Simulator({ seed: 42, scale: 1, startMs: t0 });
  for (const m of sim.registryMessages(t0)) ingest.handle(m.topic, Buffer.from(m.payload), t0);
  const sensors = sim.venues.flatMap((v) => v.world.def.sensors.map((s) => topics.sensor(v.cityId, v.id, s.id)));
  const enc = new TextEncoder();
  // Encoded before the clock starts: the publisher's work is not the door's.
  const rounds = Array.from({ length: ROUNDS }, (_, r) =>
    sensors.map((_, i) => enc.encode(`{"ts":${t0 + r},"seq":${r + 1},"value":${((i + r) % 113) / 3}}`)),
  );
  (globalThis as { gc?: () => void }).gc?.();
  const before = metrics.accepted.sensor;
  const start = performance.now();
  let sent = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const payloads = rounds[r]!;
    const now = t0 + r;
    for (let i = 0; i < sensors.length; i++) {
      ingest.handle(sensors[i]!, payloads[i]!, now);
      sent++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { rate: sent / seconds, sent, accepted: metrics.accepted.sensor - before, rejected: metrics.rejectedTotal };
}

export function benchIngestDoor(): DoorResult {
  once(); // warm-up, uncounted
  const results = Array.from({ length: RUNS }, once);
  const rates = results.map((r) => Math.round(r.rate));
  const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
  const last = results[results.length - 1]!;
  const out = {
    messagesPerSecond: median,
    runs: rates,
    sent: last.sent,
    accepted: last.accepted,
    rejected: last.rejected,
  };
  console.log(
    `[door] ${median.toLocaleString('en')} msg/s median (${rates.join(' / ')}); per run sent ${last.sent}, accepted ${last.accepted}, rejected ${last.rejected}`,
  );
  return out;
}

if (process.argv[1]?.endsWith('ingest-door.ts')) {
  console.log(`loadavg ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  benchIngestDoor();
}
