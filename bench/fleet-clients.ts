/**
 * `npm run bench -- fleet-clients`: BENCH_FLEET_CLIENTS (3,000) city-wall streams through the fleet's
 * proxy (`bench/bench-fleet.ts`: three instances behind nginx, the simulator at the full world), held
 * for BENCH_FLEET_SECONDS (20). The audience is `bench/sse-clients.ts` in its own process: delivery lag
 * (the server's stamp of each delta to its arrival), deltas and bytes per client. CPU of each part of the
 * fleet (the three instances, nginx, the simulator) with no clients (the baseline, same run) and with them.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fleetCookie, startBenchFleet, type BenchFleet } from './bench-fleet';
import { cpuSeconds, processesUnder } from './harness';

const CLIENTS = Number(process.env.BENCH_FLEET_CLIENTS ?? 3000);
const SECONDS = Number(process.env.BENCH_FLEET_SECONDS ?? 20);
const IDLE_SECONDS = 10;

/** CPU seconds so far of each part of the fleet. */
function partsCpu(fleet: BenchFleet): Record<string, number> {
  const sum = (pids: number[]) => pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
  const parts: Record<string, number> = {};
  for (const i of fleet.state().instances) parts[i.name] = i.pid ? cpuSeconds(i.pid) : 0;
  // nginx's master: its worker is under it, counted with it.
  parts.nginx = sum(processesUnder(fleet.pid, /^nginx: master/));
  parts.simulator = sum(processesUnder(fleet.pid, /telemetry-sim\/cli\.ts/));
  return parts;
}

const perSecond = (a: Record<string, number>, b: Record<string, number>, seconds: number) =>
  Object.fromEntries(Object.keys(b).map((k) => [k, Math.round(((b[k]! - (a[k] ?? 0)) / seconds) * 100) / 100]));

export async function benchFleetClients() {
  const fleet = await startBenchFleet(3790, 3791);
  try {
    const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
    await new Promise((r) => setTimeout(r, 5000));
    const idle0 = partsCpu(fleet);
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idle = perSecond(idle0, partsCpu(fleet), IDLE_SECONDS);

    const cookie = await fleetCookie(fleet.proxy, 'operator');
    const clients = fork(
      'bench/sse-clients.ts',
      [
        '--url',
        `${fleet.proxy}/api/stream`,
        '--clients',
        String(CLIENTS),
        '--seconds',
        String(SECONDS),
        '--cookie',
        cookie,
      ],
      { execArgv: ['--import', 'tsx'] },
    );
    let busy0: Record<string, number> = {};
    const result = await new Promise<Record<string, number>>((resolve, reject) => {
      clients.on('exit', (code) => code !== 0 && reject(new Error(`the clients exited ${code}`)));
      clients.on('message', (m: { type: string } & Record<string, number>) => {
        if (m.type === 'connected') setTimeout(() => (busy0 = partsCpu(fleet)), 2000);
        if (m.type === 'done') resolve(m);
      });
    });
    const busy = perSecond(busy0, partsCpu(fleet), SECONDS);
    return {
      clients: CLIENTS,
      connected: result.connected,
      notConnected: CLIENTS - result.connected!,
      deltasPerClientPerSecond: Math.round(result.deltasPerClientPerSecond! * 10) / 10,
      bytesPerClientPerSecond: Math.round(result.bytesPerClientPerSecond!),
      lagMs: { p50: result.lagP50, p99: result.lagP99, samples: result.samples },
      cpuCoresIdle: idle,
      cpuCoresWithClients: busy,
      loadavg: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').trim() },
    };
  } finally {
    await fleet.stop();
  }
}
