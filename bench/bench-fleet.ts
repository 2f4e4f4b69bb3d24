/**
 * The fleet (`scripts/fleet.ts`: three instances behind nginx on a fresh PostgreSQL database and the
 * benchmark's Mosquitto, with the simulator at the full world) as the fleet benchmarks start it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MOSQUITTO_URL } from './harness';

const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FleetState {
  instances: { name: string; port: number; pid: number | null; restarts: number }[];
}

export interface BenchFleet {
  /** The fleet script's process: nginx, the instances and the simulator are under it. */
  pid: number;
  proxy: string;
  instance: (k: number) => string;
  databaseUrl: string;
  state: () => FleetState;
  stop: () => Promise<void>;
}

export async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${url}/api/health/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

/** Starts the fleet and resolves when the proxy and every instance are ready. */
export async function startBenchFleet(proxyPort: number, basePort: number, restartMs = 2000): Promise<BenchFleet> {
  const tag = randomBytes(4).toString('hex');
  const dbName = `vcc_bench_fleet_${tag}`;
  const databaseUrl = new URL(`/${dbName}`, ADMIN_DB).toString();
  const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'vcc-bench-fleet-')), 'state.json');
  const fleet = spawn(process.execPath, ['--import', 'tsx', 'scripts/fleet.ts'], {
    env: {
      ...process.env,
      PORT: String(proxyPort),
      FLEET_BASE_PORT: String(basePort),
      FLEET_STATE_FILE: stateFile,
      FLEET_RESTART_MS: String(restartMs),
      DATABASE_URL: databaseUrl,
      MQTT_URL: MOSQUITTO_URL,
      MQTT_TOPIC_PREFIX: `vcc-bench-${tag}/`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'ignore',
  });
  const instance = (k: number) => `http://127.0.0.1:${basePort + k}`;
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const stop = async () => {
    if (fleet.exitCode === null) {
      const gone = new Promise((r) => fleet.once('exit', r));
      fleet.kill('SIGTERM');
      await gone;
    }
    const c = new pg.Client({ connectionString: ADMIN_DB });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  };
  try {
    for (const k of [0, 1, 2]) await waitReady(instance(k), 180_000);
    await waitReady(proxy, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    pid: fleet.pid!,
    proxy,
    instance,
    databaseUrl,
    state: () => JSON.parse(readFileSync(stateFile, 'utf8')) as FleetState,
    stop,
  };
}

/** A session cookie for `user` (the demo's password), signed in through `base`. */
export async function fleetCookie(base: string, user: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: user, password: 'games-2023' }),
  });
  if (!login.ok) throw new Error(`sign-in as ${user}: ${login.status}`);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}
