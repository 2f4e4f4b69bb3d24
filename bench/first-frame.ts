/**
 * `npm run bench -- first-frame`: the longest task of a cold load of the wall, the map's first frame, on
 * software GL. Built server with the simulator; headless Chromium (SwiftShader) signed in, a fresh context
 * each load (BENCH_FRAME_LOADS, 3), traced from navigation until the page is live plus 3 s. For each load:
 * the longest frame on the page's main thread (`ProxyMain::BeginMainFrame`) and the longest wait in it for
 * the WebGL canvas to be read back (`GLES2::ReadPixels`: the GPU process compiling and running the frame's
 * shader programs, which the compositor waits on without a GPU). A page that draws less in its first frame
 * waits less.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { CommandCenter, freePort } from '../e2e/fixtures/command-center';
import { median } from './harness';

const LOADS = Number(process.env.BENCH_FRAME_LOADS ?? 3);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** The longest main-thread frame and readback of a trace, in ms. */
function longestOf(file: string): { frameMs: number; readbackMs: number } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const longest = (name: string) =>
    Math.round(
      Math.max(
        0,
        ...events
          .filter((e) => e.ph === 'X' && e.name === name && main.has(`${e.pid}:${e.tid}`))
          .map((e) => e.dur! / 1000),
      ),
    );
  return { frameMs: longest('ProxyMain::BeginMainFrame'), readbackMs: longest('GLES2::ReadPixels') };
}

export async function benchFirstFrame() {
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-bench-frame-'));
  const center = new CommandCenter(await freePort(), await freePort());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await center.startWeb();
    await center.startSim();
    await new Promise((r) => setTimeout(r, 4000));
    const loads: { frameMs: number; readbackMs: number }[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ baseURL: center.baseURL, viewport: { width: 1920, height: 1080 } });
      await center.signIn(context);
      const page = await context.newPage();
      const file = path.join(dir, `load-${i}.json`);
      await browser.startTracing(page, {
        path: file,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'gpu', 'cc'],
      });
      await page.goto('/');
      await page.waitForSelector('.shell[data-phase=live]', { timeout: 60_000 });
      await page.waitForTimeout(3000);
      await browser.stopTracing();
      await context.close();
      loads.push(longestOf(file));
    }
    return {
      loads,
      longestFrameMsMedian: median(loads.map((l) => l.frameMs)),
      readbackMsMedian: median(loads.map((l) => l.readbackMs)),
      loadavg: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').trim() },
    };
  } finally {
    await browser.close();
    await center.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
