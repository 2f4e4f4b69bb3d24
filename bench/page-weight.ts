/**
 * `npm run bench -- page-weight`: what a wall downloads to open `/`, and how long until it shows data.
 * The built server (`npm run build`, which writes the precompressed copies) with the simulator; headless
 * Chromium signed in, cache empty, each load in a fresh context: the HTML, JavaScript and CSS bytes on the wire
 * (as Chromium counts them, headers excluded) and after decoding, and the time from navigation to the
 * first venue tile with a figure on screen: in the page's own clock from navigation, when the tile entered
 * the document or the page first painted, whichever is later (a page rendered with its data shows it at
 * its first paint; one filled by script, at the frame after). Baseline in the same run: the same loads from a browser that asks for
 * no compression (Accept-Encoding: identity). BENCH_PAGE_RUNS (5) loads each, medians; on the loopback
 * link and on one throttled like a stadium's crowded Wi-Fi (BENCH_PAGE_MBIT, 10 Mbit/s, 40 ms round trip).
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { median } from './harness';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const MBIT = Number(process.env.BENCH_PAGE_MBIT ?? 10);

interface Load {
  /** The page's HTML as sent (compressed or not). */
  htmlWireBytes: number;
  jsWireBytes: number;
  jsBytes: number;
  cssWireBytes: number;
  scripts: number;
  firstDataMs: number;
}

async function loadOnce(browser: Browser, center: CommandCenter, identity: boolean, mbit: number): Promise<Load> {
  const context = await browser.newContext({
    baseURL: center.baseURL,
    viewport: { width: 1920, height: 1080 },
    ...(identity ? { extraHTTPHeaders: { 'Accept-Encoding': 'identity' } } : {}),
  });
  await center.signIn(context);
  const page = await context.newPage();
  if (mbit > 0) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: (mbit * 1e6) / 8,
      uploadThroughput: (mbit * 1e6) / 16,
    });
  }
  const pending: Promise<void>[] = [];
  const load: Load = { htmlWireBytes: 0, jsWireBytes: 0, jsBytes: 0, cssWireBytes: 0, scripts: 0, firstDataMs: 0 };
  // A request that finishes as the context closes cannot be read any more: counted by neither column, and no
  // crash (a load's counting ends once no request is left unread: below).
  let closing = false;
  const counted = (reading: Promise<void>) =>
    pending.push(
      reading.catch((e: unknown) => {
        if (!closing) throw e;
      }),
    );
  page.on('requestfinished', (request) => {
    if (closing) return;
    const type = request.resourceType();
    if (type === 'document') {
      counted(request.sizes().then((sizes) => void (load.htmlWireBytes += sizes.responseBodySize)));
      return;
    }
    if (type !== 'script' && type !== 'stylesheet') return;
    counted(
      (async () => {
        const sizes = await request.sizes();
        const body = await (await request.response())?.body();
        if (type === 'script') {
          load.scripts++;
          load.jsWireBytes += sizes.responseBodySize;
          load.jsBytes += body?.length ?? 0;
        } else load.cssWireBytes += sizes.responseBodySize;
      })(),
    );
  });
  // When a venue tile with its figure first enters the document, by the page's clock. (A string, not a
  // function: the bench's TypeScript loader would add helpers the page does not have.)
  await page.addInitScript(`{
    const seen = () => [...document.querySelectorAll('.venue-chip')].some((c) => /\\d+\\s?%/.test(c.textContent ?? ''));
    const watch = new MutationObserver(() => {
      if (!seen()) return;
      window.__tileAt = performance.now();
      watch.disconnect();
    });
    watch.observe(document, { childList: true, subtree: true, characterData: true });
  }`);
  await page.goto('/', { waitUntil: 'commit' });
  // A venue tile showing its figure: rendered with the page, or the stream's first snapshot drawn.
  await page
    .getByRole('region', { name: 'Venues' })
    .getByRole('listitem')
    .filter({ hasText: /\d+\s?%/ })
    .first()
    .waitFor({ timeout: 60_000 });
  load.firstDataMs = Math.round(
    (await page.evaluate(`(async () => {
      const paint = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      while (paint() === undefined) await new Promise((r) => setTimeout(r, 50));
      return Math.max(window.__tileAt, paint());
    })()`)) as number,
  );
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Until every finished request is counted, those that finished meanwhile too.
  for (let counted = -1; counted !== pending.length;) {
    counted = pending.length;
    await Promise.all(pending);
  }
  closing = true;
  await context.close();
  return load;
}

const summary = (loads: Load[]) => ({
  htmlWireKB: Math.round(median(loads.map((l) => l.htmlWireBytes)) / 1024),
  jsWireKB: Math.round(median(loads.map((l) => l.jsWireBytes)) / 1024),
  jsDecodedKB: Math.round(median(loads.map((l) => l.jsBytes)) / 1024),
  cssWireKB: Math.round(median(loads.map((l) => l.cssWireBytes)) / 1024),
  scripts: median(loads.map((l) => l.scripts)),
  firstDataMsMedian: median(loads.map((l) => l.firstDataMs)),
  firstDataMsEach: loads.map((l) => l.firstDataMs),
});

export async function benchPageWeight() {
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  const center = new CommandCenter(await freePort(), await freePort());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await center.startWeb();
    await center.startSim();
    await new Promise((r) => setTimeout(r, 5000));
    const measure = async (mbit: number) => {
      const compressed: Load[] = [];
      const identity: Load[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternating, so neither always meets a warmer server.
        compressed.push(await loadOnce(browser, center, false, mbit));
        identity.push(await loadOnce(browser, center, true, mbit));
      }
      const c = summary(compressed);
      const b = summary(identity);
      return {
        compressed: c,
        baselineUncompressed: b,
        jsWireRatio: Math.round((c.jsWireKB / b.jsWireKB) * 100) / 100,
        firstDataRatio: Math.round((c.firstDataMsMedian / b.firstDataMsMedian) * 100) / 100,
      };
    };
    const loopback = await measure(0);
    const throttled = await measure(MBIT);
    return {
      runs: RUNS,
      loopback,
      [`wifi${MBIT}Mbit`]: throttled,
      loadavg: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').trim() },
    };
  } finally {
    await browser.close();
    await center.stop();
  }
}
