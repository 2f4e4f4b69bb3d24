import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/command-center';
import { mapSettled } from './fixtures/levels';
import { WallPage } from './fixtures/wall-page';

test.describe.configure({ mode: 'serial' });

/** The city wall open, its map's camera placed. */
async function openWallMap(page: Page): Promise<{ wall: WallPage; map: Locator }> {
  const wall = new WallPage(page);
  await wall.open();
  await mapSettled(page);
  return { wall, map: page.locator('.map-canvas') };
}

test('from the wall to a venue and back, by click, back button and deep link', async ({ page }) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.venues).toHaveCount(56);
  await wall.venue('Binjiang Gymnasium').getByRole('link').click();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Binjiang Gymnasium');
  await expect(page.getByRole('status')).toContainText('Live');
  const zones = page
    .getByRole('region', { name: 'Zones' })
    .getByRole('row', { name: /(level of service [A-F]|% of capacity)$/ });
  // An arena: 4 gates, 2 concourses, 4 stands and the field of play. Walkways by level of service,
  // seats and the field by share of capacity (never a walkway's letter).
  await expect(zones).toHaveCount(11);
  const region = page.getByRole('region', { name: 'Zones' });
  await expect(region.getByRole('row', { name: /^(Gate|Concourse).*level of service [A-F]$/ })).toHaveCount(6);
  await expect(region.getByRole('row', { name: /(Stand|Field of Play): \d+% of capacity$/ })).toHaveCount(5);
  await expect(page.getByRole('region', { name: 'Sensors' })).toContainText('Ticket scanner');

  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(wall.venues).toHaveCount(56);

  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Binjiang Gymnasium');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Binjiang Gymnasium');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'All venues' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the cities are drawn under the map and follow its camera: a zoom by hand, a flight to a venue', async ({
  page,
}) => {
  const { wall, map } = await openWallMap(page);
  /** The main underlay's scale (px per world unit of 512 at zoom 0) against the camera's zoom: 2^zoom. */
  const scaleAndZoom = () =>
    map.evaluate((el) => {
      const g = el.querySelector(':scope > svg.map-geography > g');
      const scale = Number(/matrix\(([-\d.e]+)/.exec(g?.getAttribute('transform') ?? '')?.[1]);
      return { scale, zoom: Number((el as HTMLElement).dataset.zoom) };
    });
  // Every host and neighbouring city filled and outlined, in the main map and in the core's inset.
  // (The outlines come from public/geo after the map is up.)
  const fills = map.locator(':scope > svg.map-geography > g > g:first-child > path');
  await expect.poll(() => fills.count()).toBeGreaterThan(5);
  const cities = await fills.count();
  await expect(map.locator(':scope > svg.map-geography > g > g:last-child > path')).toHaveCount(cities);
  await expect(map.locator('.map-inset-ground svg.map-geography path').first()).toBeAttached();
  await expect
    .poll(async () => {
      const { scale, zoom } = await scaleAndZoom();
      return Math.abs(Math.log2(scale) - zoom);
    })
    .toBeLessThan(0.02);
  const atCity = (await scaleAndZoom()).zoom;

  // A person zooms the map in with the wheel: the cities under the canvas zoom with it.
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -400);
  await expect
    .poll(async () => {
      const { scale, zoom } = await scaleAndZoom();
      return zoom > atCity + 0.5 && Math.abs(Math.log2(scale) - zoom) < 0.02;
    })
    .toBe(true);

  // A flight down to one venue (longer than the longest a wall allows: it used to jump and never arrive).
  await wall.venue('Binjiang Gymnasium').getByRole('link').click();
  await expect(map).toHaveAttribute('data-level', /binjiang-gymnasium/);
  await mapSettled(page);
  await expect
    .poll(async () => {
      const { scale, zoom } = await scaleAndZoom();
      return zoom > atCity + 4 && Math.abs(Math.log2(scale) - zoom) < 0.02;
    })
    .toBe(true);
});

test("the map's box changing during a flight (the wall's layout, a tablet turned) flies on to the new view, not a jump", async ({
  page,
}) => {
  // The wall's layout changes with the level (the map is the city's left column, then half the screen beside a
  // venue's detail), so the map's box can change as the camera leaves: the refit for the new box used to end the
  // flight in a jump, reported as an arrival.
  const { wall, map } = await openWallMap(page);
  const atCity = Number(await map.getAttribute('data-zoom'));
  // As soon as the flight to the venue is under way, the map's box narrows; when does the camera say it arrived?
  const watched = map.evaluate(
    (el) =>
      new Promise<{ changedAt: number; settledAt: number }>((resolve) => {
        const d = (el as HTMLElement).dataset;
        let changedAt: number | undefined;
        new MutationObserver(() => {
          if (changedAt === undefined && d.level?.includes('binjiang') && d.settled === 'false') {
            changedAt = performance.now();
            (el as HTMLElement).style.width = `${Math.round(el.clientWidth * 0.8)}px`;
          } else if (changedAt !== undefined && d.settled === 'true')
            resolve({ changedAt, settledAt: performance.now() });
        }).observe(el, { attributeFilter: ['data-level', 'data-settled'] });
      }),
  );
  await wall.venue('Binjiang Gymnasium').getByRole('link').click();
  await expect(map).toHaveAttribute('data-level', /binjiang-gymnasium/);
  const { changedAt, settledAt } = await watched;
  // Flown on from where the camera was (a wall allows up to 2.5 s); a jump said "arrived" within a frame or two.
  expect(settledAt - changedAt).toBeGreaterThan(1000);
  expect(Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(atCity + 4);
});

test("the cities' names are page text over the map, in the reader's language, moving with a zoom, gone below the city", async ({
  page,
}) => {
  await page.goto('/?lang=zh');
  await expect(page.getByRole('status')).toContainText('实时');
  const map = page.locator('.map-canvas');
  await mapSettled(page);
  const hangzhou = map.locator('.map-city-name[data-city="hangzhou"]');
  // The reader's name first, the other beside it, in the page's fonts (deck.gl's glyphs were English first).
  await expect(hangzhou).toHaveText('杭州 Hangzhou');
  await expect(map.locator('.map-city-name:visible')).toHaveCount(6);
  // Under the canvas (drawn before it, neither stacked above the other): the markers stay on top of them.
  expect(
    await map.evaluate(
      (el) =>
        el.querySelector('.map-city-names')!.compareDocumentPosition(el.querySelector('canvas')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ),
  ).toBeTruthy();
  const box = (await map.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const fromCentre = async () => {
    const b = (await hangzhou.boundingBox())!;
    expect(b.x >= box.x && b.x + b.width <= box.x + box.width, "Hangzhou's name within the map").toBe(true);
    return Math.hypot(b.x + b.width / 2 - centre.x, b.y + b.height / 2 - centre.y);
  };
  const before = await fromCentre();
  // A zoom in about the centre moves every place away from it, the name with the city.
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -300);
  await expect.poll(fromCentre).toBeGreaterThan(before * 1.3);
  // Below the city the map is a venue's plan: no city names over it.
  await page.locator('.venue-chip[data-venue-id="binjiang-gymnasium"] a').click();
  await expect(map).toHaveAttribute('data-level', /binjiang-gymnasium/);
  await expect(map.locator('.map-city-names')).toBeHidden();
});

test("on a tablet the cities' names never run into each other: crowded ones keep their local name", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await mapSettled(page);
  const names = page.locator('.map-canvas .map-city-name:visible');
  await expect(names).toHaveCount(6);
  const boxes = async () =>
    Promise.all(
      (await names.all()).map(async (n) => ({ text: (await n.innerText()).trim(), box: (await n.boundingBox())! })),
    );
  // Shaoxing's and Ningbo's whole names ran into each other at this size.
  await expect
    .poll(async () => {
      const b = await boxes();
      return b.flatMap((x, i) =>
        b
          .slice(i + 1)
          .filter(
            (y) =>
              x.box.x < y.box.x + y.box.width &&
              y.box.x < x.box.x + x.box.width &&
              x.box.y < y.box.y + y.box.height &&
              y.box.y < x.box.y + x.box.height,
          )
          .map((y) => `${x.text} / ${y.text}`),
      );
    })
    .toEqual([]);
  // Every city still named, in the reader's language at least.
  const texts = (await boxes()).map((b) => b.text);
  for (const city of ['Hangzhou', 'Huzhou', 'Shaoxing', 'Ningbo', 'Jinhua', 'Wenzhou'])
    expect(
      texts.some((t) => t.startsWith(city)),
      city,
    ).toBe(true);
});

test('a crowd surge at a venue raises the level of service at its gates, live', async ({ page, center }) => {
  await page.goto('/venues/hz-olympic-gymnasium');
  await expect(page.getByRole('status')).toContainText('Live');
  const crowded = page
    .getByRole('region', { name: 'Zones' })
    .getByRole('row', { name: /^Gate .*level of service [EF]$/ });
  const before = await crowded.count();
  await center.scenario('crowd-surge', 'hz-olympic-gymnasium');
  await expect.poll(() => crowded.count(), { timeout: 20_000 }).toBeGreaterThan(before);
  // And the gates show people per minute coming in.
  const gate1 = page.getByRole('region', { name: 'Zones' }).getByRole('row', { name: /^Gate 1:/ });
  await expect(gate1).toContainText(/\+[1-9][\d,]* \/ −[\d,]+/);
  // A gate is a flow point: those queuing at it, not a share of a room's capacity.
  await expect(gate1).toContainText(/[\d,]+ queuing/);
  await expect(gate1).not.toContainText('%');
});

test("a venue manager's tablet can start on their venue with ?venue=", async ({ page }) => {
  await page.goto('/?venue=ningbo-beilun-gym');
  await expect(page).toHaveURL(/\/venues\/ningbo-beilun-gym$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ningbo Beilun Gymnasium');
});

test('an unknown venue says so instead of showing an empty page', async ({ page }) => {
  await page.goto('/venues/no-such-venue');
  // (Next's route announcer is an alert too.)
  await expect(page.getByRole('alert').filter({ hasText: /No venue .no-such-venue. has reported/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to all venues' })).toBeVisible();
});

test("a sensor's last 60 minutes come from the server's history and continue live", async ({ page }) => {
  await page.goto('/venues/binjiang-gymnasium');
  await expect(page.getByRole('status')).toContainText('Live');
  const sensors = page.getByRole('region', { name: 'Sensors' });
  const answered = page.waitForResponse((r) =>
    /\/api\/venues\/binjiang-gymnasium\/sensors\/power-1\/history$/.test(r.url()),
  );
  await sensors.getByRole('link', { name: /^Power meter 1:/ }).click();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium\/sensors\/power-1$/);
  expect((await answered).status()).toBe(200);
  const detail = page.getByRole('region', { name: 'Last 60 minutes' });
  await expect(detail).toContainText(/\d+ min of history/);
  const chart = detail.getByRole('img', { name: 'History of Power meter 1, last 60 minutes' });
  await expect(chart.locator('canvas')).toHaveCount(1);
  // A day, from the database's minutes: asked for as a span, said to come from there.
  const day = page.waitForResponse((r) =>
    /\/api\/venues\/binjiang-gymnasium\/sensors\/power-1\/history\?from=\d+&to=\d+$/.test(r.url()),
  );
  await detail.getByRole('button', { name: '24 h' }).click();
  const dayAnswer = await day;
  expect(dayAnswer.status()).toBe(200);
  const url = new URL(dayAnswer.url());
  expect(Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'))).toBe(24 * 3600_000);
  expect(((await dayAnswer.json()) as { bucketMs: number }).bucketMs).toBe(120_000);
  const dayPanel = page.getByRole('region', { name: 'Last 24 hours' });
  await expect(dayPanel.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');
  // "1 point" on a server younger than two 2-minute buckets: the count is said in the language's plural form.
  await expect(dayPanel).toContainText(/\d+ points?, 2-minute means, from the database/);
  await expect(dayPanel.locator('canvas')).toHaveCount(1);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Binjiang Gymnasium' }).click();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/);
});

test("a zone's page shows its occupancy history from the server, its sensors, and a map that picks", async ({
  page,
}) => {
  await page.goto('/venues/binjiang-gymnasium');
  await expect(page.getByRole('status')).toContainText('Live');
  const answered = page.waitForResponse((r) =>
    /\/api\/venues\/binjiang-gymnasium\/zones\/stand-1\/history$/.test(r.url()),
  );
  await page
    .getByRole('region', { name: 'Zones' })
    .getByRole('link', { name: /^North Stand/ })
    .click();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium\/zones\/stand-1$/);
  expect((await answered).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('North Stand');
  await expect(page.getByRole('region', { name: 'Occupancy, last 60 minutes' })).toContainText(
    /\d+ min of history, 30-second means/,
  );
  // Only this zone's sensors: a stand has two sets of temperature, humidity, noise and PM2.5.
  const sensors = page.getByRole('region', { name: 'Sensors' });
  // Titled by name, never by id (issue 15): "Temperature 1, North Stand".
  await expect(sensors.getByRole('link', { name: /^Temperature [12], North Stand:/ })).toHaveCount(2);
  await expect(sensors.getByRole('link', { name: /^Temperature( \d)?, Gate/ })).toHaveCount(0);
  await expect(sensors.getByRole('link', { name: /^temp-/ })).toHaveCount(0);
  // Sparklines from the server's minutes.
  await expect(sensors.locator('svg.sparkline').first()).toBeAttached();

  // Back at the venue, a tap on the middle of the plan drills into what is there (the field of
  // play, or one of its sensors).
  await page.goBack();
  await expect(page.locator('.map-canvas')).toHaveAttribute('data-level', 'venue:binjiang-gymnasium');
  await mapSettled(page);
  // (Below wall sizes the page is stacked and the back button restored its scroll.)
  await page.locator('.map-canvas').scrollIntoViewIfNeeded();
  const box = (await page.locator('.map-canvas').boundingBox())!;
  // The plan's middle: the map fits it above the legend lying over its bottom edge.
  const legend = (await page.getByRole('list', { name: 'Map legend' }).boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, (box.y + legend.y) / 2);
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium\/(zones\/field|sensors\/broadcast-\d+)$/);
});

test('a zone or sensor the venue does not have says so', async ({ page }) => {
  await page.goto('/venues/binjiang-gymnasium/zones/gate-99');
  await expect(page.getByRole('alert').filter({ hasText: /no zone .gate-99./ })).toBeVisible();
  await page.goto('/venues/binjiang-gymnasium/sensors/nope-1');
  await expect(page.getByRole('alert').filter({ hasText: /no sensor .nope-1./ })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the venue' }).click();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/);
});
