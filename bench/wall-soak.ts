/**
 * Wall soak: the built server (embedded broker), the simulator at 60x Games time (crowds,
 * incidents and alerts churn) plus a paced load publisher on top, and the wall in Chromium
 * until the server has taken BENCH_SOAK_UPDATES messages (default 1.2M). Every
 * BENCH_SOAK_SAMPLE_S seconds it records, through the DevTools protocol, the JS heap after a
 * forced GC and the DOM node and listener counts, and from a timer inside the page the
 * event-loop delay. Goal (issue 5): heap at the end within 1.2x of the heap after warm-up,
 * DOM nodes flat.
 *
 * BENCH_SOAK_PATH: `/?kiosk` (default), the city wall; `/?kiosk&rotate`, the rotation of
 * e2e/fixtures/wall-soak.json (city, incidents, four venues), every view mounted and unmounted.
 * For the rotation to be compared like with like, nothing may hold it: the simulator raises
 * no random incidents and no rule is critical; and every sample is taken at the same point of
 * the playlist (10 s into the city view).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import type { WallConfig } from '../lib/contracts/wall';
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { percentile, signInCookie, startLoadPublisher } from './harness';

const UPDATES = Number(process.env.BENCH_SOAK_UPDATES ?? 1_200_000);
const SAMPLE_S = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 15);
const WARM_UP_S = Number(process.env.BENCH_SOAK_WARM_UP_S ?? 60);
/** On top of the simulator's ~1,550 msg/s. */
const LOAD_RATE = Number(process.env.BENCH_SOAK_RATE ?? 5000);
/**
 * The wall as it runs for weeks: the city view. `/?kiosk&rotate` soaks the rotation instead
 * (every view mounted and unmounted; DOM counts then differ by view, so compare heaps).
 */
const WALL_PATH = process.env.BENCH_SOAK_PATH ?? '/?kiosk';
const ROTATING = new URLSearchParams(WALL_PATH.split('?')[1] ?? '').has('rotate');
const WALL_FILE = 'e2e/fixtures/wall-soak.json';
/** The playlist's length: the rotation is positioned by the wall clock modulo this. */
const CYCLE_MS =
  (JSON.parse(readFileSync(WALL_FILE, 'utf8')) as WallConfig).rotation.views.reduce((a, v) => a + v.seconds, 0) * 1000;
/** No alert is critical while the rotation soaks: a hold would change what is compared. */
const NO_CRITICAL_RULES = {
  zoneLevelOfService: { E: 'major', F: 'major', zoneKinds: ['gate', 'concourse'] },
  sensorThreshold: { warning: null, warningByKind: { ups: 'major' }, critical: 'major', criticalByKind: {} },
};

/** Until the next moment 10 s into the city view (the playlist starts with it). */
function untilCityView(now: number): number {
  const into = now % CYCLE_MS;
  return (10_000 - into + CYCLE_MS) % CYCLE_MS || CYCLE_MS;
}

interface Sample {
  t: number;
  received: number;
  accepted: number;
  path: string;
  heapMb: number;
  domNodes: number;
  listeners: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** Stream events the page received so far. */
  streamEvents: number;
}

async function counters(base: string): Promise<{ received: number; accepted: number }> {
  const text = await (await fetch(`${base}/api/metrics`)).text();
  const sum = (name: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  return { received: sum('vcc_messages_received_total'), accepted: sum('vcc_messages_accepted_total') };
}

/**
 * Inside the page: a 100 ms timer's lateness is the main thread's event-loop delay; and a
 * count of the stream's events (snapshots and coalesced deltas) the page received. Plain
 * JavaScript in a string: a transpiled function would carry helpers the page does not have.
 */
const PAGE_PROBE = `
  window.__loopDelays = [];
  window.__streamEvents = 0;
  const add = EventTarget.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, options) {
    const self = this;
    return add.call(this, type, (ev) => {
      window.__streamEvents++;
      if (typeof listener === 'function') listener.call(self, ev);
      else if (listener) listener.handleEvent(ev);
    }, options);
  };
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    window.__loopDelays.push(Math.max(0, now - last - 100));
    if (window.__loopDelays.length > 10000) window.__loopDelays.shift();
    last = now;
  }, 100);
`;

export async function benchWallSoak() {
  if (!existsSync('.next/BUILD_ID')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  // The built server as the browser tests run it (embedded broker and database, own data dir).
  const center = new CommandCenter(
    await freePort(),
    await freePort(),
    { WALL_CONFIG_FILE: WALL_FILE },
    ROTATING ? NO_CRITICAL_RULES : {},
  );
  const base = center.baseURL;
  const mqttUrl = center.mqttUrl;
  let publisher: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await center.startWeb();
    await center.startSim(60, ROTATING ? ['--incidents-per-venue-hour', '0'] : []);
    const load = startLoadPublisher({ url: mqttUrl, count: UPDATES * 2, rate: LOAD_RATE });
    publisher = load.child;
    await load.ready;

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const [name, value] = (await signInCookie(base)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    await page.addInitScript(PAGE_PROBE);
    await page.goto(base + WALL_PATH);
    await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 60_000 });
    void load.go();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');

    const start = Date.now();
    const base0 = await counters(base);
    const samples: Sample[] = [];
    for (;;) {
      const wait = ROTATING ? untilCityView(Date.now()) : SAMPLE_S * 1000;
      await new Promise((r) => setTimeout(r, wait));
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const { delays, streamEvents } = await page.evaluate(() => {
        const w = window as unknown as { __loopDelays: number[]; __streamEvents: number };
        const d = w.__loopDelays;
        w.__loopDelays = [];
        return { delays: d, streamEvents: w.__streamEvents };
      });
      const c = await counters(base);
      const s: Sample = {
        t: Math.round((Date.now() - start) / 1000),
        received: c.received - base0.received,
        accepted: c.accepted - base0.accepted,
        path: new URL(page.url()).pathname,
        heapMb: Math.round((heap.usedSize / 2 ** 20) * 10) / 10,
        domNodes: dom.nodes,
        listeners: dom.jsEventListeners,
        loopP99Ms: Math.round(percentile(delays, 99)),
        loopMaxMs: Math.round(Math.max(0, ...delays)),
        streamEvents,
      };
      samples.push(s);
      console.log(
        `[soak] ${s.t} s: ${s.received} received (${s.accepted} accepted), ${s.path}, heap ${s.heapMb} MB after GC, ` +
          `${s.domNodes} DOM nodes, ${s.listeners} listeners, loop delay p99 ${s.loopP99Ms} ms max ${s.loopMaxMs} ms, ` +
          `${s.streamEvents} stream events`,
      );
      if (s.received >= UPDATES) break;
    }
    // Warm-up ends at the first sample past WARM_UP_S; compare like with like: the last third's median.
    const warm = samples.find((s) => s.t >= WARM_UP_S) ?? samples[0]!;
    const tail = samples.slice(Math.floor((samples.length * 2) / 3));
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const end = samples[samples.length - 1]!;
    return {
      path: WALL_PATH,
      updates: end.received,
      accepted: end.accepted,
      streamEvents: end.streamEvents,
      seconds: end.t,
      warmUpHeapMb: warm.heapMb,
      endHeapMb: end.heapMb,
      heapRatio: Math.round((med(tail.map((s) => s.heapMb)) / warm.heapMb) * 100) / 100,
      warmUpDomNodes: warm.domNodes,
      endDomNodes: end.domNodes,
      domRatio: Math.round((med(tail.map((s) => s.domNodes)) / warm.domNodes) * 100) / 100,
      loopP99Ms: med(samples.map((s) => s.loopP99Ms)),
      samples,
    };
  } finally {
    await browser.close();
    publisher?.kill('SIGTERM');
    await center.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchWallSoak();
  console.log(JSON.stringify({ ...r, samples: r.samples.length }, null, 2));
  process.exit(0);
}
