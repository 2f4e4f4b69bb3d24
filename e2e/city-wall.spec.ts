import { startTcpProxy } from '../lib/testing/tcp-proxy';
import { expect, test } from './fixtures/command-center';
import { WallPage } from './fixtures/wall-page';

test.describe.configure({ mode: 'serial' });

test('the wall loads live with all 56 venues, a map and a chart', async ({ page }) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await expect(wall.venues).toHaveCount(56);
  await expect(wall.venue('Hangzhou Olympic Sports Centre Stadium')).toBeVisible();
  await expect(wall.venue('Wenzhou Longwan Dragon Boat Centre')).toBeVisible();
  await expect(page.getByText('Simulated feed (telemetry-sim)')).toBeVisible();
  // deck.gl's map draws on a canvas; the last hour is ECharts' drawing from the server, an SVG in the page.
  await expect(page.getByRole('img', { name: 'Map of the host cities and venues' }).locator('canvas')).toHaveCount(1);
  const chart = page.getByRole('img', { name: /People inside venues and open incidents/ });
  await expect(chart.locator('svg path[stroke="#38bdf8"][stroke-width="3"]')).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: 'People inside' })).toBeVisible();
  // Drawn at the panel's size, so its text is the size the wall's type scale asked for.
  const box = (await chart.boundingBox())!;
  const drawn = (await chart.locator('svg').boundingBox())!;
  expect(Math.abs(drawn.width - box.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(drawn.height - box.height)).toBeLessThanOrEqual(1);
  // A screen of another size: drawn again for it.
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(async () => {
    const resized = (await chart.boundingBox())!;
    const redrawn = (await chart.locator('svg').boundingBox())!;
    expect(resized.width).not.toBe(box.width);
    expect(Math.abs(redrawn.width - resized.width)).toBeLessThanOrEqual(1);
  }).toPass({ timeout: 15_000 });
});

test("a pointer on the last hour's chart reads the figures there, in words and numbers", async ({ page }) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  const chart = page.getByRole('img', { name: /People inside venues and open incidents/ });
  await expect(chart.locator('svg')).toHaveCount(1);
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  // What the pointer reads, apart from the drawing's own labels.
  const readout = chart.locator('.trend-readout');
  // The newest minutes are at the right: time runs to now. A server just started has only those, so the pointer
  // slides in from the right edge until it is over the line (where there is no line, there is nothing to read).
  await expect(async () => {
    for (let along = 0.99; along > 0.5 && !(await readout.isVisible()); along -= 0.01)
      await page.mouse.move(box.x + box.width * along, box.y + box.height / 2);
    await expect(readout).toBeVisible({ timeout: 1000 });
    await expect(readout).toContainText(/People inside\s*\d{1,3}(,\d{3})+/, { timeout: 1000 });
    // A server just started draws its line once two 10 s buckets hold counts: on a loaded CI machine, past 30 s.
  }).toPass({ timeout: 40_000 });
  await expect(readout).toContainText(/IT incidents open \(venue teams\)\s*\d+/);
  // Headed by the time as the wall's clock writes it (Games time; the browser here runs on UTC), minutes ago.
  const seconds = (text: string | null) => {
    const [h, m, sec] = (text?.match(/(\d{2}):(\d{2}):(\d{2})/) ?? []).slice(1).map(Number);
    return h === undefined ? NaN : h * 3600 + m! * 60 + sec!;
  };
  const behind =
    (seconds(await page.locator('.clock-time').textContent()) - seconds(await readout.textContent()) + 86_400) % 86_400;
  expect(behind, 'the readout is in Games time, a few minutes behind the clock at most').toBeLessThan(900);
  await expect(readout).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  // Off the plot, it goes.
  await page.mouse.move(box.x + 2, box.y + 2);
  await expect(readout).toBeHidden();
});

test('a wall opened cold has the city in its first paint, greyed until the stream is live, and takes it over without a mismatch', async ({
  browser,
  center,
}) => {
  // Scripts off: what the server sent with the page is all there is.
  const still = await browser.newContext({ baseURL: center.baseURL, javaScriptEnabled: false });
  await center.signIn(still);
  const first = new WallPage(await still.newPage());
  await first.open();
  await expect(first.venues).toHaveCount(56);
  await expect(first.venue('Hangzhou Olympic Sports Centre Stadium')).toContainText(/\d+\s?%/);
  await expect(first.peopleInside).toHaveText(/^\d{1,3}(,\d{3})+$/);
  // Not heard over the stream yet: not live, and saying so without calling a page load an alarm.
  await expect(first.page.locator('.shell')).toHaveAttribute('data-phase', 'connecting');
  await expect(first.connection).toContainText('Connecting');
  await expect(first.page.getByRole('region', { name: 'Data age' })).toContainText('connecting');
  await still.close();

  // Scripts on: the browser hydrates the same picture (React reports any difference as an error), then
  // the stream takes over.
  const context = await browser.newContext({ baseURL: center.baseURL });
  await center.signIn(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await expect(page.getByRole('region', { name: 'Data age' })).toContainText('live');
  expect(errors, 'errors in the console while the page hydrated').toEqual([]);
  await context.close();
});

test('a stream that goes silent without closing is dropped and opened again: silence never looks live', async ({
  page,
  center,
}) => {
  // Through a link this test controls (the session cookie is the host's, whatever the port). One venue's
  // stream, not the city's: a busy browser can lag seconds behind the full city stream, and what sits in
  // the sockets' buffers when the link goes silent still arrives (real frames) before the silence does.
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: center.webPort });
  // Stream requests the page makes: a new one, not the old one waking up, must bring it back. (Not TCP
  // connections: the browser may send the new request over a kept-alive connection it already holds.)
  let streams = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/stream') streams++;
  });
  try {
    const status = page.getByRole('status');
    await page.goto(`http://127.0.0.1:${proxy.port}/venues/binjiang-gymnasium`);
    await expect(status).toContainText('Live');
    const asked = streams;
    // Half-open: nothing passes and nothing closes. Only the page's own watchdog can tell: 4 s after the
    // last frame the page took, and a page drawing in software (SwiftShader) takes frames seconds late.
    proxy.blackhole();
    await expect(status).toContainText('Reconnecting', { timeout: 30_000 });
    await expect(status).not.toContainText('Live');
    proxy.restore();
    // The silent stream dropped, and the request lost in the black hole asked again: live on a new request.
    await expect(status).toContainText('Live', { timeout: 40_000 });
    expect(streams).toBeGreaterThan(asked);
    await expect(page.getByRole('region', { name: 'Zones' })).toContainText('North Stand');
  } finally {
    await proxy.close();
  }
});

test('a venue page is fetched when a person reaches for its chip, not for all 56 on every load', async ({ page }) => {
  const venuePages: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.searchParams.has('_rsc') && url.pathname.startsWith('/venues/')) venuePages.push(url.pathname);
  });
  // Every venue the "needs attention" list has shown a card for (its links prefetch as Next's do: a person is
  // likely to take one); the list changes while alerts come and go, so it is watched, not read once.
  await page.addInitScript(`{
    window.__attention = new Set();
    const note = () => document.querySelectorAll('a.attention-link').forEach((a) => window.__attention.add(new URL(a.href).pathname));
    new MutationObserver(note).observe(document, { childList: true, subtree: true });
  }`);
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await expect(wall.venues).toHaveCount(56);
  await page.waitForTimeout(3000);
  const listed = (await page.evaluate('[...window.__attention]')) as string[];
  // Next's default prefetched every venue chip in view (56, twice): a server render each, per wall, per load.
  // Now a venue page is fetched with nobody reaching for it only for a card of the attention list.
  expect(
    [...new Set(venuePages)].filter((p) => !listed.includes(p)),
    'venue pages fetched with nobody reaching for them',
  ).toEqual([]);
  expect(new Set(venuePages).size).toBeLessThanOrEqual(listed.length);
  const chip = page.locator('.venue-chip[data-venue-id="binjiang-gymnasium"] a');
  await chip.hover();
  await expect.poll(() => venuePages.includes('/venues/binjiang-gymnasium')).toBe(true);
  await chip.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Binjiang Gymnasium');
});

test('figures change live', async ({ page }) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.peopleInside).toHaveText(/^\d{1,3}(,\d{3})+$/);
  const first = await wall.peopleInside.textContent();
  await expect(wall.peopleInside).not.toHaveText(first!, { timeout: 15_000 });
});

test('venues too close to tell apart are one marker with their number, which opens as the map zooms in, and the map finds its way back', async ({
  page,
}) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  const map = page.locator('.map-canvas');
  await expect(map).toHaveAttribute('data-settled', 'true');
  await expect(page.getByRole('list', { name: 'Map legend' })).toContainText('Number: venues close together');
  // The main map's numbers (the inset has its own): each the number of venues under one marker.
  const counts = async () => {
    const shown = page.locator('.map-cluster-count[data-view="main"]:visible');
    return Promise.all(
      (await shown.all()).map(async (c) => ({ n: Number(await c.textContent()), box: (await c.boundingBox())! })),
    );
  };
  await expect.poll(async () => (await counts()).length).toBeGreaterThan(0);
  const before = await counts();
  // Hangzhou's core is no longer a blob: its venues are counted, and every venue is on the map once.
  expect(before.every((c) => c.n >= 2)).toBe(true);
  expect(before.reduce((s, c) => s + c.n, 0)).toBeLessThanOrEqual(56);
  const largest = before.reduce((a, b) => (b.n > a.n ? b : a));
  const at = { x: largest.box.x + largest.box.width / 2, y: largest.box.y + largest.box.height / 2 };

  // Pointed at, it says what it is and how to open it.
  await page.mouse.move(at.x, at.y);
  await expect(page.locator('.deck-tooltip')).toContainText(`${largest.n} venues close together`);
  await expect(page.locator('.deck-tooltip')).toContainText('Click or tap to see them apart');

  // Clicked, the camera flies in around its venues, and they open up.
  const zoomBefore = Number(await map.getAttribute('data-zoom'));
  await page.mouse.click(at.x, at.y);
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(zoomBefore + 1);
  await expect(map).toHaveAttribute('data-settled', 'true', { timeout: 10_000 });
  await expect.poll(async () => Math.max(0, ...(await counts()).map((c) => c.n))).toBeLessThan(largest.n);
  // Still the city level: a cluster is not a venue's page.
  await expect(page).toHaveURL(/\/$/);

  // A wall must not stay zoomed in: one button back to the whole map.
  const whole = page.getByRole('button', { name: 'Whole map' });
  await expect(whole).toBeVisible();
  const box = (await whole.boundingBox())!;
  expect(box.height, 'a touch target').toBeGreaterThanOrEqual(44);
  await whole.click();
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeCloseTo(zoomBefore, 1);
  await expect(whole).toBeHidden();
  await expect.poll(async () => Math.max(...(await counts()).map((c) => c.n))).toBe(largest.n);
});

test('an injected incident is raised as an alert on the wall and turns its venue critical', async ({
  page,
  center,
}) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await center.scenario('power-loss', 'binjiang-gymnasium');
  const alert = wall.alerts.filter({ hasText: 'Mains power lost' }).filter({ hasText: 'Binjiang Gymnasium' });
  await expect(alert).toContainText('critical');
  await expect(alert).toContainText('Unacknowledged');
  // Its status is critical, and the alert nobody has acknowledged yet rolls up to its chip.
  await expect(wall.venue('Binjiang Gymnasium')).toHaveAccessibleName(
    'Binjiang Gymnasium: Critical, critical alert unacknowledged',
  );
  // Promoted above the roll call, with the reason in words, ahead of anything less urgent.
  const attention = page.getByRole('region', { name: 'Needs attention' }).getByRole('listitem');
  const card = attention.filter({ hasText: 'Binjiang Gymnasium' });
  await expect(card).toContainText('Critical alarm: Mains power lost; UPS on battery');
  const texts = await attention.allTextContents();
  const at = texts.findIndex((x) => x.includes('Binjiang Gymnasium'));
  expect(
    texts.slice(0, at).every((x) => /Critical alarm:/.test(x)),
    texts.join(' | '),
  ).toBe(true);
});

test('turns stale when the feed stops, and live again when it returns', async ({ page, center }) => {
  const wall = new WallPage(page);
  const banner = page.getByRole('alert', { name: 'Data not live' });
  const binjiang = wall.venue('Binjiang Gymnasium');
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await expect(banner).toBeHidden();
  await expect(binjiang).not.toHaveAccessibleName(/no recent data/);
  await center.stopSim();
  await expect(wall.connection).toContainText('Stale', { timeout: 20_000 });
  await expect(wall.connection).toHaveAttribute('data-phase', 'stale');
  await expect(page.getByRole('region', { name: 'Data age' })).toContainText('stale');
  // Said in words across the top, and each venue's tile greys with its own age.
  await expect(banner).toContainText(/No data from the venue feed for \d+ s/);
  await expect(binjiang).toHaveAccessibleName(/no recent data/);
  await expect(binjiang).toHaveClass(/is-stale/);
  await expect(page.getByRole('region', { name: 'Venues', exact: true })).toContainText(/56 silent/);
  await center.startSim();
  await expect(wall.connection).toContainText('Live', { timeout: 30_000 });
  await expect(banner).toBeHidden();
  await expect(binjiang).not.toHaveAccessibleName(/no recent data/);
});

test('shows reconnecting when the server dies, and recovers by itself after restart', async ({ page, center }) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await center.killWeb();
  await expect(wall.connection).toContainText('Reconnecting', { timeout: 15_000 });
  // Said once heartbeats were missed and a reconnect failed: never "lost ... (0 s ago)".
  const banner = page.getByRole('alert', { name: 'Data not live' });
  await expect(banner).toContainText(
    /Connection to the command center lost: figures from \d\d:\d\d:\d\d \((\d+) s ago\)/,
  );
  const secondsAgo = Number(/\((\d+) s ago\)/.exec((await banner.textContent()) ?? '')?.[1]);
  expect(secondsAgo).toBeGreaterThanOrEqual(4);
  await center.startWeb();
  await expect(wall.connection).toContainText('Live', { timeout: 45_000 });
  await expect(page.getByRole('alert', { name: 'Data not live' })).toBeHidden();
  await expect(wall.venues).toHaveCount(56);
});

test('a closed wall leaves the server: its stream client is released', async ({ browser, center }) => {
  const streamClients = async () => {
    const text = await (await fetch(`${center.baseURL}/api/metrics`)).text();
    return Number(/^vcc_stream_clients (\d+)$/m.exec(text)?.[1]);
  };
  // Every earlier test closed its page: none of their streams may linger.
  await expect.poll(streamClients, { timeout: 10_000 }).toBe(0);
  const context = await browser.newContext({ baseURL: center.baseURL });
  await center.signIn(context);
  const page = await context.newPage();
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await expect.poll(streamClients).toBe(1);
  await context.close();
  await expect.poll(streamClients, { timeout: 10_000 }).toBe(0);
});

test("on a 4K wall each venue's tile reads as itself: abbreviated deliberately, not cut off into its neighbour's name", async ({
  page,
}) => {
  await page.setViewportSize({ width: 3840, height: 2160 });
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.venues).toHaveCount(56);
  const names = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.venue-chip')].map((chip) => {
      const name = chip.querySelector<HTMLElement>('.venue-name')!;
      const shown = name.querySelector('.venue-name-short')?.textContent ?? name.textContent ?? '';
      let heading: Element | null = chip.previousElementSibling;
      while (heading && !heading.classList.contains('venue-city-name')) heading = heading.previousElementSibling;
      return {
        city: heading?.textContent ?? '',
        shown,
        cut: name.scrollWidth > name.clientWidth + 1,
      };
    }),
  );
  // Four Hangzhou tiles read "Hangzhou Olympic Sports Centr…" when names were cut wherever the tile ended; 32 of
  // the 56 names were cut off. Then 8; with the longest shortened as their sport or place says them (MTB,
  // Geo-Info, Beach Volleyball…), none, whether or not venues are in alarm (the dot sits on the tile's edge).
  const cut = names.filter((n) => n.cut).map((n) => n.shown);
  expect(cut, 'names cut off').toEqual([]);
  // Under its city's heading, what is left of a cut name (its first 20 characters at least show) tells it from
  // every other there. (Four cities have an "Olympic SC Stadium", each under its own name.)
  const starts = names.map((n) => `${n.city}: ${n.cut ? n.shown.slice(0, 20) : n.shown}`);
  expect(starts.filter((x, i) => starts.indexOf(x) !== i)).toEqual([]);
  // The full name on hover, and for a screen reader.
  const olympic = wall.venue('Hangzhou Olympic Sports Centre Stadium');
  await expect(olympic).toHaveAttribute('title', /^Hangzhou Olympic Sports Centre Stadium · /);
  await expect(olympic.getByRole('link')).toHaveAccessibleName(/^Hangzhou Olympic Sports Centre Stadium/);
  await expect(olympic.locator('.venue-name')).toContainText('Olympic SC Stadium');
  // What the abbreviations stand for, in the board's legend.
  await expect(page.getByRole('region', { name: 'Venues' }).locator('.panel-legend')).toContainText(
    'SC Sports Centre · SP Sports Park',
  );
});

for (const size of [
  // Two 4K panels side by side, without a room's type (?wall=wide is the room test's).
  { name: 'wall-7680x2160', width: 7680, height: 2160 },
  { name: 'wall-3840x2160', width: 3840, height: 2160 },
  { name: 'wall-1920x1080', width: 1920, height: 1080 },
]) {
  test(`screenshot at ${size.name}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const wall = new WallPage(page);
    await wall.open();
    await expect(wall.connection).toContainText('Live');
    await expect(wall.venues).toHaveCount(56);
    // Nothing may need scrolling on a wall.
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth > window.innerWidth,
      y: document.documentElement.scrollHeight > window.innerHeight,
    }));
    expect(overflow).toEqual({ x: false, y: false });
    // Every venue on the board is on its panel, not clipped off its foot or side.
    const chipsOutside = await page.evaluate(`(() => {
      const board = document.querySelector('.venues').getBoundingClientRect();
      return [...document.querySelectorAll('.venue-chip')]
        .filter((c) => { const r = c.getBoundingClientRect(); return r.top < board.top - 1 || r.bottom > board.bottom + 1 || r.left < board.left - 1 || r.right > board.right + 1; })
        .map((c) => c.getAttribute('title'));
    })()`);
    expect(chipsOutside, 'venues on the board but off its panel').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${size.name}.png`) });
    await testInfo.attach(size.name, { path: testInfo.outputPath(`${size.name}.png`), contentType: 'image/png' });
  });
}
