/**
 * `npm run bench -- scale`: the simulator at `--scale 1`, `4`, `8`, `32` and `64` (8,103 sensors times each)
 * into one built server on its embedded broker, one city wall watching. Over a 30 s window after the
 * registries have settled: what the simulator sent and could not send (its own report, by cause), what
 * the server received and folded, the ingest lag (reading's timestamp -> folded; a histogram, so p50 / p99
 * are bucket bounds), the event loop's p99 delay and the CPU of each process.
 */
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { parseStatsLine } from '../telemetry-sim/publisher';
import { cpuSeconds, median, RUNS, signInCookie } from './harness';

const SCALES = (process.env.BENCH_SCALES ?? '1,4,8,32,64').split(',').map(Number);
const WINDOW_S = Number(process.env.BENCH_SCALE_SECONDS ?? 30);
const SETTLE_S = 15;

interface Metrics {
  received: number;
  accepted: number;
  rejected: Record<string, number>;
  lost: number;
  lag: [le: number, cumulative: number][];
  loopP99S: number;
}

async function metrics(base: string): Promise<Metrics> {
  const text = await (await fetch(`${base}/api/metrics`)).text();
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const accepted = [...text.matchAll(/^vcc_messages_accepted_total\{[^}]*\} (\S+)$/gm)].reduce(
    (a, m) => a + Number(m[1]),
    0,
  );
  const lag = [...text.matchAll(/^vcc_ingest_lag_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map(
    (m) => [m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])] as [number, number],
  );
  const rejected = Object.fromEntries(
    [...text.matchAll(/^vcc_messages_rejected_total\{reason="([^"]+)"\} (\S+)$/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
  return {
    received: value(/^vcc_messages_received_total (\S+)$/m),
    accepted,
    rejected,
    lost: value(/^vcc_messages_lost_total (\S+)$/m),
    lag,
    loopP99S: value(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m),
  };
}

/** The upper bound of the bucket holding quantile `q` of the observations between two scrapes. */
function lagQuantile(before: Metrics, after: Metrics, q: number): number {
  const counts = after.lag.map(([le, c], i) => [le, c - (before.lag[i]?.[1] ?? 0)] as const);
  const total = counts.at(-1)?.[1] ?? 0;
  for (const [le, c] of counts) if (c >= q * total) return le;
  return Infinity;
}

/** Reads a city-wall stream (so the server does its fan-out work) until aborted; returns bytes read. */
function watchCityWall(base: string, cookie: string, signal: AbortSignal): Promise<number> {
  return fetch(`${base}/api/stream`, { headers: { Cookie: cookie }, signal })
    .then(async (res) => {
      let bytes = 0;
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return bytes;
        bytes += value.byteLength;
      }
    })
    .catch(() => 0);
}

async function runOnce(scale: number) {
  const center = new CommandCenter(await freePort(), await freePort());
  await center.startWeb();
  const abort = new AbortController();
  try {
    await center.startSim(1, ['--scale', String(scale), '--report-every', '1']);
    const cookie = await signInCookie(center.baseURL);
    const watching = watchCityWall(center.baseURL, cookie, abort.signal);
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    const simLog = () => parseStatsLine(center.log.join(''));
    const { web, sim } = center.pids;
    const m0 = await metrics(center.baseURL);
    const s0 = simLog()!;
    const cpu0 = { web: cpuSeconds(web!), sim: cpuSeconds(sim!) };
    const t0 = performance.now();
    let simMaxLateMs = 0;
    const lateness = setInterval(() => (simMaxLateMs = Math.max(simMaxLateMs, simLog()?.maxBehindMs ?? 0)), 1000);
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    clearInterval(lateness);
    const m1 = await metrics(center.baseURL);
    const s1 = simLog()!;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = { web: (cpuSeconds(web!) - cpu0.web) / seconds, sim: (cpuSeconds(sim!) - cpu0.sim) / seconds };
    abort.abort();
    const wallBytes = await watching;
    const row = {
      scale,
      seconds,
      simSent: s1.published - s0.published,
      simNotSent: s1.dropped - s0.dropped,
      simBehind: s1.droppedBehind - s0.droppedBehind,
      simBackpressure: s1.droppedBackpressure - s0.droppedBackpressure,
      simMaxLateMs: Math.max(simMaxLateMs, s1.maxBehindMs),
      received: m1.received - m0.received,
      folded: m1.accepted - m0.accepted,
      rejected: Object.fromEntries(
        Object.entries(m1.rejected)
          .map(([reason, n]) => [reason, n - (m0.rejected[reason] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      ),
      lostUpstream: m1.lost - m0.lost,
      lagP50S: lagQuantile(m0, m1, 0.5),
      lagP99S: lagQuantile(m0, m1, 0.99),
      loopP99Ms: m1.loopP99S * 1000,
      webCpu: cpu.web,
      simCpu: cpu.sim,
      wallBytesPerS: wallBytes / (SETTLE_S + seconds),
    };
    console.log(
      `[scale] x${scale}: sent ${row.simSent} (${Math.round(row.simSent / seconds)}/s) / received ${row.received} / ` +
        `folded ${row.folded} / rejected ${JSON.stringify(row.rejected)} / not sent ${row.simNotSent} (simulator behind ${row.simBehind}, backpressure ${row.simBackpressure}; ` +
        `its ticks up to ${row.simMaxLateMs} ms late) / lost upstream ${row.lostUpstream}; ` +
        `ingest lag p50 <= ${row.lagP50S} s, p99 <= ${row.lagP99S} s; event loop p99 ${row.loopP99Ms.toFixed(1)} ms; ` +
        `CPU server ${(row.webCpu * 100).toFixed(0)}%, simulator ${(row.simCpu * 100).toFixed(0)}% of a core`,
    );
    return row;
  } finally {
    abort.abort();
    await center.stop();
  }
}

export async function benchScale() {
  const out: Record<string, unknown>[] = [];
  for (const scale of SCALES) {
    const rows: Awaited<ReturnType<typeof runOnce>>[] = [];
    for (let run = 1; run <= RUNS; run++) rows.push(await runOnce(scale));
    const med = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k] as number));
    out.push({
      scale,
      runs: rows,
      medians: {
        sentPerS: med('simSent') / WINDOW_S,
        receivedPerS: med('received') / WINDOW_S,
        lagP99S: med('lagP99S'),
        webCpu: med('webCpu'),
        simCpu: med('simCpu'),
      },
    });
  }
  return out;
}
