/**
 * `npm run bench -- failover`: the fleet (`scripts/fleet.ts`: three instances behind nginx on
 * PostgreSQL and the benchmark's Mosquitto, with the simulator) under BENCH_FAILOVER_CLIENTS (30)
 * stream clients that reconnect as the browser does (jittered backoff from 0.5-1 s). BENCH_FAILOVER_KILLS
 * (20) times, the instance serving the most clients is killed with -9; for each of its clients, the time
 * from the kill to the first snapshot through another instance ("live again"), and to the killed instance
 * ready again (started after 2 s, as a supervisor would). Baseline in the same run:
 * a fresh client's connect to first snapshot through the proxy, with nothing killed. Printed beside the
 * figures: kills, clients cut, clients back, clients never back within 30 s.
 */
import { readFileSync } from 'node:fs';
import { SseReader } from '../lib/testing/sse-reader';
import { fleetCookie, startBenchFleet, waitReady } from './bench-fleet';
import { percentile } from './harness';

const KILLS = Number(process.env.BENCH_FAILOVER_KILLS ?? 20);
const CLIENTS = Number(process.env.BENCH_FAILOVER_CLIENTS ?? 30);
const PROXY_PORT = 3710;
const BASE_PORT = 3711;
const GIVE_UP_MS = 30_000;
const DEBUG = process.env.BENCH_FAILOVER_DEBUG === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const proxy = `http://127.0.0.1:${PROXY_PORT}`;

/** A stream client that behaves like the browser's (components/store/stream-connection.ts). */
class Client {
  instance: string | null = null;
  /** When the last stream ended (closed by the far side, or dropped by the watchdog). */
  endedAt = 0;
  silentDrops = 0;
  /** When the current connection's first snapshot arrived. */
  snapshotAt = 0;
  private stopped = false;
  private backoffMs = 1000;
  private abort: AbortController | undefined;

  constructor(private readonly cookie: string) {}

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private async connect(): Promise<void> {
    while (!this.stopped) {
      this.abort = new AbortController();
      try {
        const res = await fetch(`${proxy}/api/stream`, { headers: { cookie: this.cookie }, signal: this.abort.signal });
        if (DEBUG)
          console.log(
            `[failover] ${Date.now() % 100000} stream answered ${res.status} by ${res.headers.get('x-vcc-instance')}`,
          );
        if (res.ok && res.body) {
          this.instance = res.headers.get('x-vcc-instance');
          const reader = new SseReader(res.body, 4);
          await reader.waitFor((e) => e.event === 'snapshot', { timeoutMs: 3_600_000, what: 'a snapshot' });
          this.snapshotAt = Date.now();
          this.backoffMs = 1000;
          // As the browser does: a stream silent for 4 s (the server sends a frame a second) is dropped.
          let heard = reader.count;
          let lastHeardAt = Date.now();
          const watchdog = setInterval(() => {
            if (reader.count !== heard) {
              heard = reader.count;
              lastHeardAt = Date.now();
            } else if (Date.now() - lastHeardAt > 4000) {
              this.silentDrops++;
              this.abort?.abort();
            }
          }, 250);
          await reader.done;
          clearInterval(watchdog);
          this.endedAt = Date.now();
        }
      } catch (err) {
        // reset by the kill, or refused: retry below
        if (DEBUG) console.log(`[failover] ${Date.now() % 100000} stream failed: ${(err as Error).message}`);
      }
      this.instance = null;
      this.snapshotAt = 0;
      if (this.stopped) return;
      await sleep(this.backoffMs * (0.5 + Math.random() / 2));
      this.backoffMs = Math.min(this.backoffMs * 2, 15_000);
    }
  }
}

export async function benchFailover() {
  const fleet = await startBenchFleet(PROXY_PORT, BASE_PORT);
  const state = fleet.state;
  const clients: Client[] = [];
  try {
    const cookie = await fleetCookie(proxy, 'operator');

    // Baseline: connect to first snapshot through the proxy, nothing killed.
    const baseline: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      const c = new Client(cookie);
      const t0 = Date.now();
      c.start();
      while (c.snapshotAt === 0 && Date.now() - t0 < GIVE_UP_MS) await sleep(5);
      baseline.push(c.snapshotAt - t0);
      c.stop();
    }

    for (let i = 0; i < CLIENTS; i++) {
      const c = new Client(cookie);
      c.start();
      clients.push(c);
    }
    const failover: number[] = [];
    const restartToReady: number[] = [];
    let cut = 0;
    let back = 0;
    let never = 0;
    const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
    for (let kill = 0; kill < KILLS; kill++) {
      // Everyone connected, and every instance up (the last kill's restarted).
      for (const k of [0, 1, 2]) await waitReady(`http://127.0.0.1:${BASE_PORT + k}`, 120_000);
      while (clients.some((c) => c.snapshotAt === 0)) await sleep(50);
      const byInstance = new Map<string, Client[]>();
      for (const c of clients) byInstance.set(c.instance!, [...(byInstance.get(c.instance!) ?? []), c]);
      const [victim, affected] = [...byInstance].sort((a, b) => b[1].length - a[1].length)[0]!;
      const pid = state().instances.find((x) => x.name === victim)!.pid!;
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      if (DEBUG) console.log(`[failover] ${killedAt % 100000} killed ${victim}`);
      cut += affected.length;
      const pending = new Set(affected);
      // The killed instance ready again, measured alongside.
      const port = state().instances.find((x) => x.name === victim)!.port;
      const restarted = waitReady(`http://127.0.0.1:${port}`, 120_000).then(() => Date.now() - killedAt);
      while (pending.size > 0 && Date.now() - killedAt < GIVE_UP_MS) {
        for (const c of pending) {
          // A fresh snapshot on a new connection (through another instance, or the restarted one).
          if (c.snapshotAt > killedAt) {
            failover.push(c.snapshotAt - killedAt);
            back++;
            pending.delete(c);
          }
        }
        await sleep(5);
      }
      never += pending.size;
      // The supervisor starts it again after FLEET_RESTART_MS (2 s): how long until it is ready.
      restartToReady.push(await restarted);
      console.log(
        `[failover] kill ${kill + 1}/${KILLS}: ${victim}, ${affected.length} clients cut, ${affected.length - pending.size} back`,
      );
    }
    const loadAfter = readFileSync('/proc/loadavg', 'utf8').trim();
    return {
      kills: KILLS,
      clients: CLIENTS,
      clientsCut: cut,
      clientsBack: back,
      clientsNeverBack: never,
      /** Streams the client itself dropped after 4 s of silence (the proxy had not closed them). */
      silentStreamsDropped: clients.reduce((n, c) => n + c.silentDrops, 0),
      failoverMs: { p50: percentile(failover, 50), p99: percentile(failover, 99), max: Math.max(...failover) },
      baselineConnectMs: { p50: percentile(baseline, 50), p99: percentile(baseline, 99) },
      killToRestartedReadyMs: { p50: percentile(restartToReady, 50), max: Math.max(...restartToReady) },
      loadavg: { before: loadBefore, after: loadAfter },
    };
  } finally {
    for (const c of clients) c.stop();
    await fleet.stop();
  }
}
