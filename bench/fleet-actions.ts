/**
 * `npm run bench -- fleet-actions`: an acknowledgement through one instance of the fleet
 * (`bench/bench-fleet.ts`), seen on a screen served by another. A responder's alerts stream open on
 * instance A and one on instance B; BENCH_FLEET_ACTIONS (60) times, an alert is raised (straight into
 * the fleet's database, as the rules would) and, once both streams show it, acknowledged by
 * `POST /api/alerts/{id}/actions` on A. Timed from the POST: its answer, the acknowledgement on A's
 * own stream (the baseline, same run) and on B's (through PostgreSQL's NOTIFY and B's next flush).
 */
import { readFileSync } from 'node:fs';
import type { AlertsStreamMessage } from '../lib/contracts/stream';
import { raiseCondition } from '../lib/alerts/alert-repository';
import { openDatabase } from '../lib/db/database';
import { SseReader } from '../lib/testing/sse-reader';
import { fleetCookie, startBenchFleet } from './bench-fleet';
import { percentile } from './harness';

const ACTIONS = Number(process.env.BENCH_FLEET_ACTIONS ?? 60);
const PROXY_PORT = 3760;
const BASE_PORT = 3761;

async function alertsStream(base: string, cookie: string): Promise<SseReader> {
  const res = await fetch(`${base}/api/stream?alerts`, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`alerts stream on ${base}: ${res.status}`);
  const reader = new SseReader(res.body, 500);
  await reader.waitFor((e) => e.event === 'alerts-snapshot', { what: 'the alerts snapshot' });
  return reader;
}

/** The first event after `after` carrying alert `id` that satisfies `ok`. */
function seen(reader: SseReader, id: number, ok: (a: { acknowledgedBy: string | null }) => boolean, after: number) {
  return reader.waitFor(
    (e) => {
      const m = e.message as unknown as AlertsStreamMessage;
      return m.type === 'alerts-delta' && (m.alerts ?? []).some((a) => a.id === id && ok(a));
    },
    { after, what: `alert ${id}`, timeoutMs: 10_000 },
  );
}

const summary = (xs: number[]) => ({
  p50: Math.round(percentile(xs, 50)),
  p99: Math.round(percentile(xs, 99)),
  max: Math.round(Math.max(...xs)),
});

export async function benchFleetActions() {
  const fleet = await startBenchFleet(PROXY_PORT, BASE_PORT);
  const db = await openDatabase({ url: fleet.databaseUrl, dataDir: '' });
  const [a, b] = [fleet.instance(0), fleet.instance(1)];
  const answered: number[] = [];
  const onA: number[] = [];
  const onB: number[] = [];
  let lost = 0;
  try {
    const cookie = await fleetCookie(a, 'responder');
    const [streamA, streamB] = await Promise.all([alertsStream(a, cookie), alertsStream(b, cookie)]);
    const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
    for (let i = 0; i < ACTIONS; i++) {
      const [afterA, afterB] = [streamA.count, streamB.count];
      const raised = (await raiseCondition(
        db,
        {
          source: `zone:hz-olympic-stadium/bench-gate-${process.pid}-${i}`,
          type: 'zone_level_of_service',
          venueId: 'hz-olympic-stadium',
          venueName: 'Hangzhou Olympic Sports Centre Stadium',
          zoneId: `bench-gate-${i}`,
          sensorId: null,
          severity: 'critical',
          title: `Bench gate ${i}: crowding at level of service F`,
        },
        Date.now(),
      ))!;
      await Promise.all([seen(streamA, raised.id, () => true, afterA), seen(streamB, raised.id, () => true, afterB)]);
      const [fromA, fromB] = [streamA.count, streamB.count];
      const t0 = performance.now();
      const acked = (x: { acknowledgedBy: string | null }) => x.acknowledgedBy !== null;
      const waits = [seen(streamA, raised.id, acked, fromA), seen(streamB, raised.id, acked, fromB)].map((p) =>
        p.then(
          () => performance.now() - t0,
          () => null,
        ),
      );
      const res = await fetch(`${a}/api/alerts/${raised.id}/actions`, {
        method: 'POST',
        headers: { cookie, origin: a, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'acknowledge', requestId: `bench-${process.pid}-${i}` }),
      });
      answered.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`acknowledge answered ${res.status}: ${await res.text()}`);
      const [ta, tb] = (await Promise.all(waits)) as [number | null, number | null];
      if (ta === null || tb === null) lost++;
      if (ta !== null) onA.push(ta);
      if (tb !== null) onB.push(tb);
    }
    const loadAfter = readFileSync('/proc/loadavg', 'utf8').trim();
    return {
      actions: ACTIONS,
      acknowledged: answered.length,
      seenOnA: onA.length,
      seenOnB: onB.length,
      notSeenWithin10s: lost,
      answeredMs: summary(answered),
      seenOnOwnInstanceMs: summary(onA),
      seenOnOtherInstanceMs: summary(onB),
      loadavg: { before: loadBefore, after: loadAfter },
    };
  } finally {
    await db.close();
    await fleet.stop();
  }
}
