/**
 * `npm run bench -- alarm-load`: a simulated Games day judged by the alarm-management standards.
 * The simulator's full world (56 venues, its normal random IT incidents) runs on a virtual clock
 * at games speed 1 from 07:00 for BENCH_ALARM_HOURS (16) hours, computed as fast as the machine
 * goes, with four upsets: a power loss, a network outage, a 70 s pause of the whole feed and a
 * crowd surge. Two rule sets judge the same model in the same run, each with its own embedded
 * database: the rules as they were before the alarm work (read from git, commit BASELINE) and
 * today's. Reported for each: steady-state alarms per hour and per 10 minutes per operator
 * position, time in flood, chattering sources, standing alarms, the priority spread, the top
 * bad actors, and for the 10 minutes after each upset, how many alarms and which came first.
 * Nobody acknowledges anything: time to acknowledge is not measured here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlertBoard } from '../lib/alerts/alert-board';
import { AlertEngine } from '../lib/alerts/alert-engine';
import { alarmKpis, type AlarmKpis, type Annunciation } from '../lib/contracts/alarm-kpis';
import { loadAnnunciations } from '../lib/alerts/alarm-kpi-queries';
import { readRuleConfig, type RuleConfig } from '../lib/alerts/rule-config';
import type { AlertType } from '../lib/contracts/alerts';
import { openDatabase, type Database } from '../lib/db/database';
import { migrate } from '../lib/db/migrations';
import { createIngest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { Simulator, type ScenarioCommand } from '../telemetry-sim/simulator';

/** The last commit before the alarm work: "today's rules" when the issue was filed. */
const BASELINE = process.env.BENCH_ALARM_BASELINE ?? '10a462b';
const HOURS = Number(process.env.BENCH_ALARM_HOURS ?? 16);
const SEED = Number(process.env.BENCH_ALARM_SEED ?? 2023);
const START_CLOCK = 7 * 3600;
const MIN = 60_000;
const ROOT = path.resolve(import.meta.dirname, '..');

interface Upset {
  name: string;
  /** Games seconds after midnight. */
  at: number;
  scenario?: ScenarioCommand;
  /** For the feed pause: how long nothing is delivered, in seconds. */
  pauseS?: number;
  /** The alarm that names the cause: its type, and its venue (null: the whole feed). */
  cause: { types: AlertType[]; venueId: string | null };
}

const UPSETS: Upset[] = [
  {
    name: 'power loss, Hangzhou Olympic Sports Centre Stadium',
    at: 11 * 3600,
    scenario: { scenario: 'power-loss', venueId: 'hz-olympic-stadium', durationS: 600 },
    cause: { types: ['it_power_fault'], venueId: 'hz-olympic-stadium' },
  },
  {
    name: 'network outage, Ningbo Beilun gymnasium',
    at: 13 * 3600,
    scenario: { scenario: 'network-outage', venueId: 'ningbo-beilun-gym', durationS: 600 },
    cause: { types: ['it_network_outage'], venueId: 'ningbo-beilun-gym' },
  },
  { name: '70 s pause of the whole feed', at: 15 * 3600, pauseS: 70, cause: { types: ['feed_stale'], venueId: null } },
  {
    name: 'crowd surge, Hangzhou Olympic Sports Centre Stadium',
    at: 19 * 3600 + 30 * 60,
    scenario: { scenario: 'crowd-surge', venueId: 'hz-olympic-stadium', durationS: 600 },
    cause: { types: ['zone_level_of_service', 'venue_capacity'], venueId: 'hz-olympic-stadium' },
  },
];

type EngineLike = { tick(now: number): Promise<void>; stats: { raised: number } };
type EngineClass = new (
  db: Database,
  model: SituationModel,
  board: AlertBoard,
  rules: RuleConfig,
  startedAt: number,
) => EngineLike;

/** The baseline's rules and engine, read from git into a scratch directory, importing today's helpers. */
async function baselineEngine(dir: string): Promise<{ Engine: EngineClass; rules: RuleConfig }> {
  const show = (file: string) => execFileSync('git', ['show', `${BASELINE}:${file}`], { cwd: ROOT, encoding: 'utf8' });
  const absolute = (src: string) =>
    src
      .replace(/^import 'server-only';\n/m, '')
      .replace(/from '\.\/conditions'/g, `from './baseline-conditions.ts'`)
      .replace(/from '\.\.\/([^']+)'/g, (_, p: string) => `from '${path.join(ROOT, 'lib', p)}'`)
      .replace(/from '\.\/([^']+)'/g, (m, p: string) =>
        p.startsWith('baseline-') ? m : `from '${path.join(ROOT, 'lib/alerts', p)}'`,
      );
  writeFileSync(path.join(dir, 'baseline-conditions.ts'), absolute(show('lib/alerts/conditions.ts')));
  writeFileSync(path.join(dir, 'baseline-engine.ts'), absolute(show('lib/alerts/alert-engine.ts')));
  const mod = (await import(path.join(dir, 'baseline-engine.ts'))) as { AlertEngine: EngineClass };
  return { Engine: mod.AlertEngine, rules: JSON.parse(show('config/alert-rules.json')) as RuleConfig };
}

interface Judge {
  name: string;
  db: Database;
  engine: EngineLike;
}

/** Every raise and return of the whole day, the baseline's desks told by their sensors' names. */
const annunciations = (db: Database, end: number) => loadAnnunciations(db, 0, end + 1, null, kindFromId);

/** The baseline kept no message: the simulator names its sensors by kind (`uplink-1-latency`, `ups-1`). */
function kindFromId(id: string | null) {
  if (!id) return null;
  if (id.includes('latency')) return 'net_latency' as const;
  if (id.includes('loss')) return 'net_loss' as const;
  if (id.startsWith('broadcast')) return 'broadcast' as const;
  if (id.startsWith('wifi')) return 'wifi_clients' as const;
  return null;
}

function summary(k: AlarmKpis, annunciations: Annunciation[]) {
  const byType: Record<string, number> = {};
  for (const a of annunciations) byType[`${a.position} ${a.type}`] = (byType[`${a.position} ${a.type}`] ?? 0) + 1;
  const p = (x: { perHour: number; per10MinAverage: number; per10MinPeak: number; timeInFloodPercent: number }) => ({
    perHour: +x.perHour.toFixed(2),
    per10MinAverage: +x.per10MinAverage.toFixed(2),
    per10MinPeak: x.per10MinPeak,
    timeInFloodPercent: +x.timeInFloodPercent.toFixed(2),
  });
  const total = k.priorities.high + k.priorities.medium + k.priorities.low || 1;
  return {
    alarms: k.alarms,
    technology: p(k.byPosition.technology),
    venues: p(k.byPosition.venues),
    venueTeams: {
      alarms: k.venueTeams.alarms,
      venues: k.venueTeams.venues,
      busiest: k.venueTeams.busiest ? { venueId: k.venueTeams.busiest.venueId, ...p(k.venueTeams.busiest) } : null,
    },
    priorities: `${Math.round((100 * k.priorities.low) / total)}% low / ${Math.round((100 * k.priorities.medium) / total)}% medium / ${Math.round((100 * k.priorities.high) / total)}% high`,
    chatteringSources: k.chatteringSources.length,
    standing: k.standing,
    byType,
    topSources: k.topSources.map((s) => `${s.type} ${s.source}: ${s.count} (${Math.round(s.share * 100)}%)`),
  };
}

export async function benchAlarmLoad() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'vcc-alarm-load-'));
  const { Engine: Baseline, rules: baselineRules } = await baselineEngine(scratch);
  const model = new SituationModel();
  const ingest = createIngest(model, new IngestMetrics(), new RateLimitedLog(60_000, () => {}));
  const start = Date.UTC(2023, 8, 24, 7 - 8, 0, 0);
  const sim = new Simulator({ seed: SEED, scale: 1, startMs: start, gamesClockStart: START_CLOCK });
  const enc = new TextEncoder();
  const retained = { publisher: 'telemetry-sim', retained: true };
  for (const m of sim.registryMessages(start)) ingest.handle(m.topic, enc.encode(m.payload), start, retained);

  const judges: Judge[] = [];
  for (const [name, Engine, rules] of [
    [`rules at ${BASELINE}`, Baseline, baselineRules],
    ['rules now', AlertEngine as unknown as EngineClass, readRuleConfig()],
  ] as const) {
    const db = await openDatabase({ url: undefined, dataDir: 'memory://' });
    await migrate(db);
    judges.push({ name, db, engine: new Engine(db, model, new AlertBoard(), rules, start) });
  }

  const at = (clock: number) => start + (clock - START_CLOCK) * 1000;
  const end = at(START_CLOCK + HOURS * 3600);
  const upsets = UPSETS.filter((u) => at(u.at) < end);
  let pausedUntil = 0;
  let delivered = 0;
  let dropped = 0;
  const t0 = performance.now();
  for (let now = start + sim.tickMs; now <= end; now += sim.tickMs) {
    for (const u of upsets) {
      if (at(u.at) > now - sim.tickMs && at(u.at) <= now) {
        if (u.scenario) {
          for (const m of sim.applyScenario(u.scenario, now)) ingest.handle(m.topic, enc.encode(m.payload), now);
        }
        if (u.pauseS) pausedUntil = now + u.pauseS * 1000;
      }
    }
    for (const m of sim.tick(now)) {
      if (now < pausedUntil) {
        dropped++;
        continue;
      }
      ingest.handle(m.topic, enc.encode(m.payload), now);
      delivered++;
    }
    if ((now - start) % 1000 === 0) {
      model.sweep(now);
      for (const j of judges) await j.engine.tick(now);
      if ((now - start) % (3600 * 1000) === 0) {
        const h = (now - start) / 3_600_000;
        console.log(
          `[alarm-load] games hour ${h} of ${HOURS}: ${delivered} messages delivered, ${dropped} dropped in the pause; ` +
            judges.map((j) => `${j.name}: ${j.engine.stats.raised} raised`).join(', ') +
            ` (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
    }
  }

  const results: Record<string, unknown> = {};
  for (const j of judges) {
    const all = await annunciations(j.db, end);
    const alarms = (
      await j.db.query<{ raised_at: Date; last_raised_at: Date; cleared_at: Date | null }>(
        'select raised_at, last_raised_at, cleared_at from alerts',
      )
    ).rows.map((r) => ({
      raisedAt: +new Date(r.raised_at),
      lastRaisedAt: +new Date(r.last_raised_at),
      clearedAt: r.cleared_at ? +new Date(r.cleared_at) : null,
      acknowledgedAt: null,
    }));
    // Steady operation: the day without the 20 minutes from each upset.
    const excluded = upsets.map((u) => [at(u.at), at(u.at) + 20 * MIN] as const);
    const steadyAnn = all.filter((a) => !excluded.some(([a0, a1]) => a.at >= a0 && a.at < a1));
    const steadyMs = end - start - excluded.reduce((s, [a0, a1]) => s + Math.min(a1, end) - a0, 0);
    const steadyK = alarmKpis({ from: start, to: end, annunciations: steadyAnn, alarms });
    // Rates over the steady time only (the excluded windows hold none of these alarms).
    const scale = (end - start) / steadyMs;
    for (const k of [steadyK.byPosition.technology, steadyK.byPosition.venues, steadyK.venueTeams.busiest]) {
      if (!k) continue;
      k.perHour *= scale;
      k.per10MinAverage *= scale;
      k.timeInFloodPercent *= scale;
    }
    const afterUpsets = upsets.map((u) => {
      const from = at(u.at);
      const window = all.filter((a) => a.at >= from && a.at < from + 10 * MIN);
      const related = window.filter((a) => u.cause.venueId === null || a.venueId === u.cause.venueId);
      const first = related[0];
      const k = alarmKpis({ from, to: from + 10 * MIN, annunciations: window, alarms });
      return {
        upset: u.name,
        alarmsIn10Min: window.length,
        technology: k.byPosition.technology.alarms,
        venues: k.byPosition.venues.alarms,
        venueTeams: k.venueTeams.alarms,
        busiestVenueTeam: k.venueTeams.busiest
          ? `${k.venueTeams.busiest.venueId} ${k.venueTeams.busiest.alarms}`
          : null,
        related: related.length,
        firstRelated: first ? `${first.type} ${first.source}` : null,
        causeFirst: first !== undefined && u.cause.types.includes(first.type),
      };
    });
    results[j.name] = { steady: summary(steadyK, steadyAnn), afterUpsets };
  }
  for (const j of judges) await j.db.close();
  rmSync(scratch, { recursive: true, force: true });
  return {
    games: `${HOURS} h from 07:00, seed ${SEED}, 56 venues, virtual clock at games speed 1`,
    computeSeconds: Math.round((performance.now() - t0) / 1000),
    messages: { delivered, droppedInPause: dropped },
    ...results,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchAlarmLoad(), null, 2));
  process.exit(0);
}
