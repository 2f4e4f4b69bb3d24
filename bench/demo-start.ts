/**
 * `npm run bench -- start`: `npm run demo` started as a user starts it (the built server with its
 * embedded broker and database, and the simulator), each run on a fresh DATA_DIR. From the launch: the
 * time until health says the feed is subscribed and fresh (a signed-in screen shows the live picture then,
 * by its view pass), and until the whole server is ready (database opened, migrated, alerts loaded). And
 * what the simulator could not send meanwhile, as it reports it at 30 s (readings made before there was a
 * broker to take them).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStatsLine } from '../telemetry-sim/publisher';
import { median, RUNS } from './harness';

const PORT = 3190;
const MQTT_PORT = 1894;

interface StartRun {
  feedLiveS: number;
  readyS: number;
  simPublished: number;
  simNotSent: number;
}

async function oneStart(): Promise<StartRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vcc-bench-start-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      EMBEDDED_MQTT_PORT: String(MQTT_PORT),
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let sim: { published: number; notSent: number } | undefined;
  child.stdout!.on('data', (b: Buffer) => {
    const stats = parseStatsLine(b.toString());
    if (stats) sim = { published: stats.published, notSent: stats.dropped };
  });
  const since = () => (performance.now() - t0) / 1000;
  let feedLiveS = NaN;
  let readyS = NaN;
  try {
    while (since() < 60 && (Number.isNaN(readyS) || !sim)) {
      await new Promise((r) => setTimeout(r, 50));
      if (!Number.isNaN(readyS)) continue;
      const health = await fetch(`http://127.0.0.1:${PORT}/api/health`)
        .then((r) => r.json() as Promise<{ ready: boolean; checks: { subscribed: boolean; feedFresh: boolean } }>)
        .catch(() => undefined);
      if (health?.checks?.subscribed && health.checks.feedFresh && Number.isNaN(feedLiveS)) feedLiveS = since();
      if (health?.ready) readyS = since();
    }
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
  if (!sim) throw new Error('the simulator did not report within 60 s');
  return { feedLiveS, readyS, simPublished: sim.published, simNotSent: sim.notSent };
}

export async function benchDemoStart() {
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  const runs: StartRun[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const r = await oneStart();
    runs.push(r);
    console.log(
      `[start] run ${i}: feed live ${r.feedLiveS.toFixed(2)} s, ready ${r.readyS.toFixed(2)} s; simulator at 30 s: ` +
        `${r.simPublished} published, ${r.simNotSent} QoS 0 not sent`,
    );
  }
  return {
    feedLiveS: median(runs.map((r) => r.feedLiveS)),
    readyS: median(runs.map((r) => r.readyS)),
    simNotSentAt30s: median(runs.map((r) => r.simNotSent)),
    runs,
    loadavg: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').trim() },
  };
}
