/**
 * Only what is on screen streams: bytes per second to a venue-page client (one venue in
 * detail + the city KPIs) against a city-wall client, same server, same feed, same moment.
 */
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { median, RUNS, signInCookie } from './harness';

const SECONDS = Number(process.env.BENCH_SCOPED_SECONDS ?? 10);
const VENUES = ['hz-olympic-stadium', 'binjiang-gymnasium'];

/** Bytes per second of a stream, and of each top-level field of its messages ("frame": SSE lines and envelope). */
interface StreamTally {
  total: number;
  fields: Record<string, number>;
}

/** Adds one SSE frame's bytes to the tally, split by the JSON message's top-level fields. */
function tallyFrame(frame: string, fields: Record<string, number>): void {
  const data = /^data: (.*)$/m.exec(frame)?.[1];
  const whole = encoder.encode(frame).byteLength + 2;
  if (!data) {
    fields.frame = (fields.frame ?? 0) + whole;
    return;
  }
  let counted = 0;
  for (const [key, value] of Object.entries(JSON.parse(data) as Record<string, unknown>)) {
    if (['type', 'seq', 'at', 'venueId'].includes(key)) continue;
    const bytes = encoder.encode(`"${key}":${JSON.stringify(value)},`).byteLength;
    fields[key] = (fields[key] ?? 0) + bytes;
    counted += bytes;
  }
  fields.frame = (fields.frame ?? 0) + whole - counted;
}
const encoder = new TextEncoder();

async function bytesPerSecond(url: string, seconds: number, cookie: string): Promise<StreamTally> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { Cookie: cookie } });
  const reader = res.body!.getReader();
  // Skip the snapshot: measure the steady stream of deltas.
  let first = true;
  let bytes = 0;
  const fields: Record<string, number> = {};
  const decoder = new TextDecoder();
  let text = '';
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
      if (now >= startAt) {
        bytes += value.byteLength;
        text += decoder.decode(value, { stream: true });
        const frames = text.split('\n\n');
        text = frames.pop()!;
        for (const frame of frames) tallyFrame(frame, fields);
      }
      if (now >= stopAt) break;
    }
  } finally {
    abort.abort();
  }
  for (const key of Object.keys(fields)) fields[key] = Math.round(fields[key]! / seconds);
  return { total: bytes / seconds, fields };
}

const breakdown = (t: StreamTally) =>
  Object.entries(t.fields)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

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
      const row: Record<string, number> = { city: city!.total };
      VENUES.forEach((v, i) => (row[v] = venues[i]!.total));
      rows.push(row);
      console.log(
        `[scoped] run ${run}: city wall ${Math.round(city!.total)} B/s; ` +
          VENUES.map(
            (v, i) => `${v} ${Math.round(venues[i]!.total)} B/s (${(venues[i]!.total / city!.total).toFixed(2)}x)`,
          ).join('; '),
      );
      console.log(`[scoped]   city wall B/s by field: ${breakdown(city!)}`);
      VENUES.forEach((v, i) => console.log(`[scoped]   ${v} B/s by field: ${breakdown(venues[i]!)}`));
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
