/**
 * Stream fan-out: 1000 SSE clients on one server process at the full simulated world.
 * Runs the built server (embedded broker) and the simulator as a user would, and records
 * p99 delivery lag (server stamp -> client), server CPU with no clients and with 1000
 * (same run), and from /api/metrics that each delta is serialised once per flush.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../e2e/fixtures/command-center';
import { cpuSeconds, median, RUNS, signInCookie } from './harness';

const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 20);

async function metrics(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/api/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(vcc_stream_\w+) (\S+)$/.exec(line);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

async function once() {
  const port = await freePort();
  const mqttPort = await freePort();
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    EMBEDDED_MQTT_PORT: String(mqttPort),
    EMBEDDED_MQTT_WS_PORT: '0',
    MQTT_URL: '',
    DATABASE_URL: '',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'vcc-bench-')),
  };
  const web = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: 'ignore',
  });
  const sim: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'telemetry-sim/cli.ts', '--url', `mqtt://127.0.0.1:${mqttPort}`],
    { env, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (i > 300) throw new Error('server did not become ready');
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 3000));
    // Baseline: the same server and feed with no stream clients.
    let c0 = cpuSeconds(web.pid!);
    await new Promise((r) => setTimeout(r, 10_000));
    const idleCpu = (cpuSeconds(web.pid!) - c0) / 10;

    const cookie = await signInCookie(base);
    const clients = fork(
      'bench/sse-clients.ts',
      ['--url', `${base}/api/stream`, '--clients', String(CLIENTS), '--seconds', String(SECONDS), '--cookie', cookie],
      {
        execArgv: ['--import', 'tsx'],
      },
    );
    let m0: Record<string, number> = {};
    const result = await new Promise<{
      connected: number;
      deltasPerClientPerSecond: number;
      bytesPerClientPerSecond: number;
      lagP50: number;
      lagP99: number;
    }>((resolve) => {
      clients.on('message', async (m: { type: string } & Record<string, number>) => {
        if (m.type === 'connected') {
          await new Promise((r) => setTimeout(r, 2000));
          m0 = await metrics(base);
          c0 = cpuSeconds(web.pid!);
        }
        if (m.type === 'done') resolve(m as never);
      });
    });
    const busyCpu = (cpuSeconds(web.pid!) - c0) / SECONDS;
    const m1 = await metrics(base);
    const flushes = m1.vcc_stream_flushes_total! - m0.vcc_stream_flushes_total!;
    const serialised = m1.vcc_stream_deltas_serialised_total! - m0.vcc_stream_deltas_serialised_total!;
    return {
      ...result,
      idleCpu,
      busyCpu,
      serialisedPerFlush: serialised / flushes,
      framesPerDelta: (m1.vcc_stream_frames_sent_total! - m0.vcc_stream_frames_sent_total!) / serialised,
      resets: m1.vcc_stream_client_resets_total! - m0.vcc_stream_client_resets_total!,
    };
  } finally {
    sim.kill('SIGTERM');
    web.kill('SIGTERM');
  }
}

export async function benchFanout() {
  if (!existsSync('.next/BUILD_ID')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  const rows = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await once();
    rows.push(r);
    console.log(
      `[fanout] run ${run}: ${r.connected} clients, ${r.deltasPerClientPerSecond.toFixed(1)} deltas/s and ${Math.round(r.bytesPerClientPerSecond)} B/s each; ` +
        `lag p50 ${r.lagP50} ms p99 ${r.lagP99} ms; server CPU ${(r.idleCpu * 100).toFixed(0)}% with no clients, ${(r.busyCpu * 100).toFixed(0)}% with them; ` +
        `${r.serialisedPerFlush.toFixed(2)} serialisations per flush, ${r.framesPerDelta.toFixed(0)} frames per delta, ${r.resets} slow-client resets`,
    );
  }
  return {
    clients: CLIENTS,
    lagP50: median(rows.map((r) => r.lagP50)),
    lagP99: median(rows.map((r) => r.lagP99)),
    idleCpu: median(rows.map((r) => r.idleCpu)),
    busyCpu: median(rows.map((r) => r.busyCpu)),
    serialisedPerFlush: median(rows.map((r) => r.serialisedPerFlush)),
    bytesPerClientPerSecond: median(rows.map((r) => r.bytesPerClientPerSecond)),
    deltasPerClientPerSecond: median(rows.map((r) => r.deltasPerClientPerSecond)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchFanout(), null, 2));
  process.exit(0);
}
