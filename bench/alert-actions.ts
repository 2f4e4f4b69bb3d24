/**
 * Action round trip with 50 screens: the built server (production config: PostgreSQL, the
 * simulator at the full world), 50 signed-in SSE clients on the city stream, and a responder
 * acknowledging alerts one after another. For each: request -> answered (committed) and
 * request -> seen on another screen's stream. Baseline in the same run: GET /api/health.
 */
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { raiseCondition } from '../lib/alerts/alert-repository';
import type { AlertView } from '../lib/contracts/alerts';
import type { StreamDelta } from '../lib/contracts/stream';
import { freshPostgres } from '../lib/testing/test-databases';
import { medianOf, percentile, RUNS, signInCookie } from './harness';

const SCREENS = Number(process.env.BENCH_ALERT_SCREENS ?? 50);
const ACTIONS = Number(process.env.BENCH_ALERT_ACTIONS ?? 100);

/** One screen: reads the city stream and reports each alert version it sees. */
function screen(url: string, cookie: string, onAlert: (a: AlertView) => void): AbortController {
  const abort = new AbortController();
  void (async () => {
    const res = await fetch(url, { signal: abort.signal, headers: { Cookie: cookie } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.includes('event: delta')) continue;
          const data = frame.slice(frame.indexOf('data: ') + 6);
          for (const a of (JSON.parse(data) as StreamDelta).alerts ?? []) onAlert(a);
        }
      }
    } catch {
      // aborted
    }
  })();
  return abort;
}

async function once() {
  const pg = await freshPostgres();
  const center = new CommandCenter(await freePort(), await freePort(), { DATABASE_URL: pg.url! });
  await center.startWeb();
  await center.startSim(1);
  const db = await pg.open();
  const screens: AbortController[] = [];
  try {
    const base = center.baseURL;
    const operator = await signInCookie(base, 'operator');
    const responder = await signInCookie(base, 'responder');
    // The watched screen is the last one to connect; the others are load.
    const seen = new Map<number, number>();
    for (let i = 0; i < SCREENS; i++) {
      const watched = i === SCREENS - 1;
      screens.push(
        screen(`${base}/api/stream`, operator, (a) => {
          if (watched && a.acknowledgedBy && !seen.has(a.id)) seen.set(a.id, performance.now());
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 3000));

    const health: number[] = [];
    const committed: number[] = [];
    const visible: number[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      const h0 = performance.now();
      await (await fetch(`${base}/api/health`)).arrayBuffer();
      health.push(performance.now() - h0);

      const alert = (await raiseCondition(
        db,
        {
          source: `zone:bench/gate-${i}`,
          type: 'zone_level_of_service',
          venueId: 'hz-olympic-stadium',
          venueName: 'Hangzhou Olympic Sports Centre Stadium',
          zoneId: `gate-${i}`,
          sensorId: null,
          severity: 'major',
          title: `Bench gate ${i}`,
        },
        Date.now(),
      ))!;
      // Let the new alert reach the server's board before acting on it.
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      const res = await fetch(`${base}/api/alerts/${alert.id}/actions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base, Cookie: responder },
        body: JSON.stringify({ action: 'acknowledge', requestId: `bench-${Date.now()}-${i}` }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`action answered ${res.status}`);
      committed.push(performance.now() - t0);
      const deadline = performance.now() + 5000;
      while (!seen.has(alert.id) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      if (!seen.has(alert.id)) throw new Error(`alert ${alert.id} never showed acknowledged on the watched screen`);
      visible.push(seen.get(alert.id)! - t0);
    }
    return {
      healthP50: percentile(health, 50),
      committedP50: percentile(committed, 50),
      committedP99: percentile(committed, 99),
      visibleP50: percentile(visible, 50),
      visibleP99: percentile(visible, 99),
    };
  } finally {
    for (const s of screens) s.abort();
    await center.stop();
    await pg.drop();
  }
}

export async function benchAlertActions() {
  const rows: Awaited<ReturnType<typeof once>>[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await once();
    rows.push(r);
    console.log(
      `[alert-actions] run ${run}: health p50 ${r.healthP50.toFixed(1)} ms; committed p50 ${r.committedP50.toFixed(1)} / p99 ${r.committedP99.toFixed(1)} ms; ` +
        `on another screen p50 ${r.visibleP50.toFixed(1)} / p99 ${r.visibleP99.toFixed(1)} ms`,
    );
  }
  return {
    screens: SCREENS,
    actions: ACTIONS,
    healthP50: medianOf(rows, 'healthP50'),
    committedP50: medianOf(rows, 'committedP50'),
    committedP99: medianOf(rows, 'committedP99'),
    visibleP50: medianOf(rows, 'visibleP50'),
    visibleP99: medianOf(rows, 'visibleP99'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchAlertActions(), null, 2));
  process.exit(0);
}
