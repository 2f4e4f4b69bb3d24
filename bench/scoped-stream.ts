/**
 * Only what is on screen streams: bytes per second to a venue-page client (one venue in
 * detail + the city KPIs) against a city-wall client, same server, same feed, same moment.
 */
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { median, RUNS, signInCookie } from './harness';

const SECONDS = Number(process.env.BENCH_SCOPED_SECONDS ?? 10);
const VENUES = ['hz-olympic-stadium', 'binjiang-gymnasium'];

async function bytesPerSecond(url: string, seconds: number, cookie: string): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { Cookie: cookie } });
  const reader = res.body!.getReader();
  // Skip the snapshot: measure the steady stream of deltas.
  let first = true;
  let bytes = 0;
  const stopAt = performance.now() + 1000 + seconds * 1000;
  const startAt = performance.now() + 1000;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const now = performance.now();
      if (first) {
        first = false;
        continue;
      }
      if (now >= startAt) bytes += value.byteLength;
      if (now >= stopAt) break;
    }
  } finally {
    abort.abort();
  }
  return bytes / seconds;
}

export async function benchScoped() {
  const center = new CommandCenter(await freePort(), await freePort());
  await center.startWeb();
  await center.startSim();
  try {
    for (let i = 0; i < 150; i++) {
      if ((await fetch(`${center.baseURL}/api/health`)).ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const cookie = await signInCookie(center.baseURL);
    const rows: Record<string, number>[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const [city, ...venues] = await Promise.all([
        bytesPerSecond(`${center.baseURL}/api/stream`, SECONDS, cookie),
        ...VENUES.map((v) => bytesPerSecond(`${center.baseURL}/api/stream?venue=${v}`, SECONDS, cookie)),
      ]);
      const row: Record<string, number> = { city: city! };
      VENUES.forEach((v, i) => (row[v] = venues[i]!));
      rows.push(row);
      console.log(
        `[scoped] run ${run}: city wall ${Math.round(city!)} B/s; ` +
          VENUES.map((v, i) => `${v} ${Math.round(venues[i]!)} B/s (${(venues[i]! / city!).toFixed(2)}x)`).join('; '),
      );
    }
    const out: Record<string, number> = { city: median(rows.map((r) => r.city!)) };
    for (const v of VENUES) out[v] = median(rows.map((r) => r[v]!));
    return out;
  } finally {
    await center.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchScoped(), null, 2));
  process.exit(0);
}
