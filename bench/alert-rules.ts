/**
 * The rules at the full simulated world (56 venues, 8,103 sensors): ingest throughput with the
 * alert engine ticking once a second against the same ingest with no engine (the baseline, same
 * run, order alternating), while a storm of readings crosses thresholds so alerts keep being
 * raised and cleared; and how many alerts the rules raised and cleared per second.
 * Embedded database (PGlite on disk), in-process: the engine shares the ingest's thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlertBoard } from '../lib/alerts/alert-board';
import { AlertEngine } from '../lib/alerts/alert-engine';
import { readRuleConfig } from '../lib/alerts/rule-config';
import { topics } from '../lib/contracts/topics';
import { openDatabase } from '../lib/db/database';
import { migrate } from '../lib/db/migrations';
import { createIngest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { Simulator } from '../telemetry-sim/simulator';
import { medianOf, RUNS } from './harness';

const SECONDS = Number(process.env.BENCH_RULES_SECONDS ?? 10);
/** Share of the sensors sent past their critical bound each round (so alerts churn). */
const STORM = Number(process.env.BENCH_RULES_STORM ?? 0.02);

async function once(withRules: boolean) {
  const model = new SituationModel();
  const ingest = createIngest(model, new IngestMetrics(), new RateLimitedLog(10_000, () => {}));
  const start = Date.now();
  const sim = new Simulator({ seed: 11, scale: 1, startMs: start });
  for (const m of sim.registryMessages(start)) ingest.handle(m.topic, Buffer.from(m.payload), start);
  const sensors = sim.venues.flatMap((v) =>
    v.world.def.sensors.map((s) => ({
      topic: topics.sensor(v.cityId, v.id, s.id),
      ok: s.thresholds.critHigh !== undefined ? s.thresholds.critHigh * 0.5 : (s.thresholds.critLow ?? 0) + 50,
      bad:
        s.thresholds.critHigh !== undefined
          ? s.thresholds.critHigh * 1.1
          : s.thresholds.critLow !== undefined
            ? s.thresholds.critLow - 1
            : NaN,
    })),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-bench-rules-'));
  const db = withRules ? await openDatabase({ url: undefined, dataDir: dir }) : undefined;
  let engine: AlertEngine | undefined;
  if (db) {
    await migrate(db);
    // No delays: the storm moves every round, and the engine's cost is what is measured, not its judgement.
    const rules = readRuleConfig();
    const instant = { onDelaySeconds: 0, offDelaySeconds: 0 };
    engine = new AlertEngine(
      db,
      model,
      new AlertBoard(),
      { ...rules, warmUpSeconds: 0, sensorThreshold: { ...rules.sensorThreshold, ...instant } },
      start,
    );
    engine.start(1000);
  }
  const enc = new TextEncoder();
  let n = 0;
  let round = 0;
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  while (performance.now() < until) {
    round++;
    const ts = Date.now();
    // A different few percent of the sensors are past their bound each round.
    const offset = Math.floor(round * STORM * sensors.length) % sensors.length;
    for (let i = 0; i < sensors.length; i++) {
      const s = sensors[i]!;
      const stormy = !Number.isNaN(s.bad) && (i - offset + sensors.length) % sensors.length < STORM * sensors.length;
      ingest.handle(s.topic, enc.encode(`{"ts":${ts},"seq":${round},"value":${stormy ? s.bad : s.ok}}`), ts);
      n++;
      // Yield now and then, as a socket-fed ingest does, so timers (the engine's tick) run.
      if (n % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  engine?.stop();
  // Let a tick in flight finish before counting and closing.
  await new Promise((r) => setTimeout(r, 200));
  const stats = engine?.stats;
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    perSecond: n / seconds,
    raisedPerSecond: stats ? stats.raised / seconds : 0,
    clearedPerSecond: stats ? stats.cleared / seconds : 0,
  };
}

export async function benchAlertRules() {
  type Row = { off: number; on: number; ratio: number; raised: number; cleared: number };
  const rows: Row[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const order = run % 2 ? [false, true] : [true, false];
    const r: Record<string, Awaited<ReturnType<typeof once>>> = {};
    for (const withRules of order) r[withRules ? 'on' : 'off'] = await once(withRules);
    const row: Row = {
      off: r.off!.perSecond,
      on: r.on!.perSecond,
      ratio: r.on!.perSecond / r.off!.perSecond,
      raised: r.on!.raisedPerSecond,
      cleared: r.on!.clearedPerSecond,
    };
    rows.push(row);
    console.log(
      `[alert-rules] run ${run}: ingest ${Math.round(row.off)} msg/s rules off, ${Math.round(row.on)} rules on (${row.ratio.toFixed(2)}x); ` +
        `${row.raised.toFixed(1)} alerts raised/s, ${row.cleared.toFixed(1)} cleared/s`,
    );
  }
  return {
    off: medianOf(rows, 'off'),
    on: medianOf(rows, 'on'),
    ratio: medianOf(rows, 'ratio'),
    raisedPerSecond: medianOf(rows, 'raised'),
    clearedPerSecond: medianOf(rows, 'cleared'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchAlertRules(), null, 2));
  process.exit(0);
}
