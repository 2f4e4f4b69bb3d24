/** Shared pieces of the benchmarks: child publishers, medians, machine description, cleanup. */
import { createBrokerAuth } from '../lib/ingest/broker-auth';
import { startEmbeddedBroker, type EmbeddedBroker } from '../lib/ingest/embedded-broker';
import type { Ingest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { DEFAULT_PUBLISHERS_FILE, readPublishers } from '../lib/ingest/publishers';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { readVenueCatalogue } from '../lib/ingest/venue-catalogue';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import mqtt from 'mqtt';
import { topics } from '../lib/contracts/topics';
import { VENUES } from '../telemetry-sim/venues';

/** Mosquitto tuned as docs/mqtt.md advises (bench/mosquitto-bench.conf), started by run-all. */
export const MOSQUITTO_URL = process.env.BENCH_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:18830';

/** Starts the benchmark's own Mosquitto unless BENCH_MOSQUITTO_URL names one; returns a stop function. */
export async function startBenchBroker(): Promise<() => void> {
  if (process.env.BENCH_MOSQUITTO_URL) return () => {};
  const broker = spawn('mosquitto', ['-c', 'bench/mosquitto-bench.conf'], { stdio: 'ignore' });
  broker.on('error', (e) => {
    console.error(`[bench] cannot start mosquitto (${e.message}); set BENCH_MOSQUITTO_URL to a running one`);
    process.exit(1);
  });
  for (let i = 0; i < 50; i++) {
    const ok = await mqtt
      .connectAsync(MOSQUITTO_URL, { reconnectPeriod: 0, connectTimeout: 500 })
      .then((c) => c.endAsync().then(() => true))
      .catch(() => false);
    if (ok) return () => broker.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the benchmark Mosquitto did not start');
}
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median of one numeric field over a benchmark's runs. */
export function medianOf<R>(rows: R[], key: { [K in keyof R]: R[K] extends number ? K : never }[keyof R]): number {
  return median(rows.map((r) => r[key] as number));
}

export function percentile(xs: number[] | Float64Array, p: number): number {
  const s = Float64Array.from(xs).sort();
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export function machine(): string {
  const c = cpus();
  return `${c.length} x ${c[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export interface LoadPublisher {
  child: ChildProcess;
  ready: Promise<void>;
  /** Starts publishing; resolves with what it reports when done. */
  go(): Promise<PublisherReport>;
}

export interface PublisherReport {
  sent: number;
  seconds: number;
  probes: number;
}

/** Forks a publisher script that says 'ready', waits for 'go', and reports 'done' over IPC. */
function forkPublisher(script: string, args: string[]): LoadPublisher {
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onDone!: (m: PublisherReport) => void;
  const done = new Promise<PublisherReport>((r) => (onDone = r));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string } & PublisherReport) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'done') onDone(m);
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`${script} exited ${code}`)));
  });
  return {
    child,
    ready,
    go: () => {
      child.send('go');
      return done;
    },
  };
}

/** The mqtt.js publisher (bench/load-publisher.ts): paced or full speed, with latency probes. */
export function startLoadPublisher(args: {
  url: string;
  count: number;
  rate?: number;
  prefix?: string;
  probeEvery?: number;
  /** `i/n` (see load-publisher.ts). */
  shard?: string;
}): LoadPublisher {
  return forkPublisher('bench/load-publisher.ts', [
    ...['--url', args.url, '--count', String(args.count), '--rate', String(args.rate ?? 0)],
    ...['--prefix', args.prefix ?? '', '--probe-every', String(args.probeEvery ?? 0), '--shard', args.shard ?? '0/1'],
  ]);
}

/** The raw flood publisher (bench/raw-flood.ts): full speed, valid readings, cheap enough to out-run a subscriber. */
export function startRawFlood(args: { url: string; count: number; prefix?: string }): LoadPublisher {
  return forkPublisher('bench/raw-flood.ts', [
    '--url',
    args.url,
    '--count',
    String(args.count),
    '--prefix',
    args.prefix ?? '',
  ]);
}

/** The embedded broker as the server starts it: the demo's publishers file and venue catalogue. */
export function startDemoEmbeddedBroker(ingest: Ingest): Promise<EmbeddedBroker> {
  const catalogue = readVenueCatalogue();
  const auth = createBrokerAuth(
    readPublishers(DEFAULT_PUBLISHERS_FILE, catalogue),
    catalogue,
    new IngestMetrics(),
    new RateLimitedLog(),
  );
  return startEmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: undefined, wsOrigins: [], auth }, ingest);
}

/** Removes the retained registry a benchmark left on a shared broker. */
export async function clearRetained(url: string, prefix: string): Promise<void> {
  const c = await mqtt.connectAsync(url);
  for (const v of VENUES) await c.publishAsync(prefix + topics.registry(v.cityId, v.id), '', { retain: true, qos: 1 });
  await c.endAsync();
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Signs in as a demo user (config/users.json) and returns the session cookie for stream clients. */
export async function signInCookie(base: string, user = 'operator'): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username: user, password: 'games-2023' }),
  });
  if (!res.ok) throw new Error(`sign-in as ${user} failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** CPU seconds used so far by a process and its descendants (Linux /proc). */
export function cpuSeconds(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    total += stats.get(pid)?.ticks ?? 0;
    for (const [p, s] of stats) if (s.ppid === pid) walk(p);
  };
  walk(rootPid);
  return total / 100; // USER_HZ
}

/** Process ids under `rootPid` (itself included) whose command line matches. */
export function processesUnder(rootPid: number, command: RegExp): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const under = (pid: number): boolean => pid === rootPid || (pid > 1 && under(parent.get(pid) ?? 0));
  return [...parent.keys()].filter((pid) => {
    if (!under(pid)) return false;
    try {
      return command.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      return false;
    }
  });
}
