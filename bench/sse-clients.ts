/**
 * Many SSE clients in one process (the stream fan-out benchmark's audience). Each parses
 * only what it needs: the server's `at` stamp of each delta, to measure delivery lag.
 *   node --import tsx bench/sse-clients.ts --url http://127.0.0.1:3000/api/stream --clients 1000 --seconds 20 \
 *     --cookie vcc_session=…   (a signed-in session: see harness.signInCookie)
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    clients: { type: 'string' },
    seconds: { type: 'string' },
    cookie: { type: 'string' },
  },
});
const url = new URL(values.url!);
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const lags = new Float64Array(clients * seconds * 12);
let nLags = 0;
let bytes = 0;
let events = 0;
let connected = 0;
let measuring = false;
const requests: ReturnType<typeof request>[] = [];

function open() {
  const req = request(
    {
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      agent,
      headers: { Accept: 'text/event-stream', ...(values.cookie ? { Cookie: values.cookie } : {}) },
    },
    (res) => {
      connected++;
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = Date.now();
        bytes += chunk.length;
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (!block.includes('event: delta')) continue;
          events++;
          const m = /"at":(\d+)/.exec(block);
          if (measuring && m && nLags < lags.length) lags[nLags++] = now - Number(m[1]);
        }
      });
    },
  );
  req.on('error', () => {});
  req.end();
  requests.push(req);
}

for (let i = 0; i < clients; i++) {
  open();
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 100));
}
while (connected < clients) await new Promise((r) => setTimeout(r, 100));
process.send?.({ type: 'connected', connected });
await new Promise((r) => setTimeout(r, 2000));
measuring = true;
const e0 = events;
const b0 = bytes;
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const sorted = lags.slice(0, nLags).sort();
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
process.send?.({
  type: 'done',
  connected,
  deltasPerClientPerSecond: (events - e0) / clients / seconds,
  bytesPerClientPerSecond: (bytes - b0) / clients / seconds,
  lagP50: pct(50),
  lagP99: pct(99),
  samples: nLags,
});
for (const r of requests) r.destroy();
process.exit(0);
