import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures/command-center';
import { LEVELS, lowContrastText, openLevel, smallTargets } from './fixtures/levels';

// Four full page loads per test, on a software-rendered WebGL: slower than one page.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

/** A responder's phone. */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const TABLETS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 1024 },
  { width: 768, height: 1024 },
];

for (const size of TABLETS) {
  test(`a ${size.width}x${size.height} tablet: every level fits the width, every target takes a finger, all text has contrast`, async ({
    browser,
    baseURL,
    center,
  }, testInfo) => {
    const context = await browser.newContext({ baseURL, viewport: size, hasTouch: true });
    await center.signIn(context);
    const page = await context.newPage();
    for (const level of LEVELS) {
      await openLevel(page, level);
      // Each level as the tablet shows it, kept as an artifact (taken before the checks, so a failure has one).
      const name = `${level.name}-${size.width}x${size.height}.png`;
      await page.screenshot({ path: testInfo.outputPath(name) });
      await testInfo.attach(name, { path: testInfo.outputPath(name), contentType: 'image/png' });
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(scroll, `${level.name}: horizontal overflow in px`).toBeLessThanOrEqual(0);
      expect(await smallTargets(page), `${level.name}: targets under 44 px`).toEqual([]);
      // Legible in daylight: every piece of text at least 4.5:1 against what is behind it.
      expect(await lowContrastText(page), `${level.name}: text under 4.5:1`).toEqual([]);
    }
    await context.close();
  });
}

test('on a tablet, three taps reach a sensor from the city, and back again', async ({ browser, baseURL, center }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 }, hasTouch: true });
  await center.signIn(context);
  const page = await context.newPage();
  await openLevel(page, LEVELS[0]!);
  const canvas = await page.locator('.map-canvas canvas').elementHandle();

  await page
    .getByRole('region', { name: 'Venues' })
    .getByRole('link', { name: /^Binjiang Gymnasium/ })
    .tap();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/);
  await page
    .getByRole('region', { name: 'Zones' })
    .getByRole('link', { name: /^Gate 1/ })
    .tap();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium\/zones\/gate-1$/);
  await page
    .getByRole('region', { name: 'Sensors' })
    .getByRole('link', { name: /^Ticket scanner 1, Gate 1:/ })
    .tap();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium\/sensors\/scan-gate-1-1$/);

  // Every figure on the way is live and says how old it is.
  await expect(page.getByRole('status')).toContainText('Live');
  await expect(page.getByTestId('sensor-value')).toHaveText(/\d/);
  await expect(page.getByRole('region', { name: 'Sensor status' })).toContainText(/heard \d+ (s|min) ago/);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('listitem')).toHaveText([
    'All venues',
    'Binjiang Gymnasium',
    'Gate 1',
    'Ticket scanner 1, Gate 1',
  ]);

  // The one map flew down with us: same canvas, never remounted, now at the sensor.
  await expect(page.locator('.map-canvas')).toHaveAttribute('data-level', 'sensor:binjiang-gymnasium/scan-gate-1-1');
  await expect(page.locator('.map-canvas canvas')).toHaveCount(1);
  expect(await canvas!.evaluate((c) => c.isConnected)).toBe(true);

  await crumbs.getByRole('link', { name: 'Gate 1' }).tap();
  await expect(page).toHaveURL(/\/zones\/gate-1$/);
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.map-canvas')).toHaveAttribute('data-level', 'city');
  expect(await canvas!.evaluate((c) => c.isConnected)).toBe(true);
  await context.close();
});

/** One or two fingers moving in steps, as the touchscreen reports them. */
async function touchGesture(page: Page, cdp: CDPSession, steps: { x: number; y: number; id: number }[][]) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: steps[0]! });
  for (const points of steps.slice(1)) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test('on a portrait tablet, a finger on the plan scrolls the page and two fingers zoom the plan', async ({
  browser,
  baseURL,
  center,
}) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 768, height: 1024 }, hasTouch: true });
  await center.signIn(context);
  const page = await context.newPage();
  await openLevel(page, LEVELS[1]!);
  const map = page.locator('.map-canvas');
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const zoom = async () => Number(await map.getAttribute('data-zoom'));
  const cdp = await context.newCDPSession(page);
  const zoomBefore = await zoom();

  // One finger up over the map: the page scrolls, the plan stays put.
  await touchGesture(
    page,
    cdp,
    Array.from({ length: 12 }, (_, i) => [{ x: cx, y: cy + 120 - i * 20, id: 1 }]),
  );
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(50);
  expect(await zoom()).toBe(zoomBefore);

  // Let the swipe's fling come to rest (under load it can outlast the next step), then go back up.
  const scrollY = () => page.evaluate(() => window.scrollY);
  await expect
    .poll(async () => {
      const before = await scrollY();
      await new Promise((r) => setTimeout(r, 250));
      return (await scrollY()) === before;
    })
    .toBe(true);
  // Two fingers apart: the plan zooms in; the page neither scrolls nor zooms.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  const top = (await map.boundingBox())!;
  const py = top.y + top.height / 2;
  await touchGesture(
    page,
    cdp,
    Array.from({ length: 10 }, (_, i) => [
      { x: cx - 30 - i * 6, y: py, id: 1 },
      { x: cx + 30 + i * 6, y: py, id: 2 },
    ]),
  );
  await expect.poll(zoom).toBeGreaterThan(zoomBefore + 0.3);
  expect(await page.evaluate(() => [window.scrollY, window.visualViewport?.scale])).toEqual([0, 1]);
  await context.close();
});

test('on a phone, every level fits the screen across and its map legend stays inside the map', async ({
  browser,
  baseURL,
  center,
}, testInfo) => {
  const context = await browser.newContext({ baseURL, ...PHONE });
  await center.signIn(context);
  const page = await context.newPage();
  for (const level of LEVELS) {
    await openLevel(page, level);
    const name = `${level.name}-390x844.png`;
    await page.screenshot({ path: testInfo.outputPath(name) });
    await testInfo.attach(name, { path: testInfo.outputPath(name), contentType: 'image/png' });
    // Nothing pushes the page sideways (the header's menu and the panels' grids once made it 421 px wide:
    // the language picker and the right-hand KPI cards were off screen).
    // (Text an ancestor cuts short within the screen, an ellipsis, is not past it.)
    const wider = await page.evaluate(() => {
      const edge = document.documentElement.clientWidth + 0.5;
      const clippedWithin = (el: Element) => {
        for (let a = el.parentElement; a && !a.classList.contains('shell'); a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= edge) return true;
        return false;
      };
      return [...document.querySelectorAll<HTMLElement>('.shell *:not(.map-canvas *)')]
        .filter((el) => el.getBoundingClientRect().right > edge && !clippedWithin(el))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    });
    expect(wider, `${level.name}: past the screen's right edge`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${level.name}: page width`).toBe(390);
    const [legend, map] = await Promise.all([
      page.getByRole('list', { name: 'Map legend' }).boundingBox(),
      page.locator('.map-canvas').boundingBox(),
    ]);
    expect(legend, `${level.name}: a legend`).not.toBeNull();
    // Its right edge within the map's (the plan's legend, one line, ran past it).
    expect(legend!.x + legend!.width, `${level.name}: legend's right edge`).toBeLessThanOrEqual(map!.x + map!.width);
    expect(legend!.y + legend!.height, `${level.name}: legend's bottom edge`).toBeLessThanOrEqual(map!.y + map!.height);
    if (level.name === 'city') {
      // The map fits the cities above the legend: it once hid Wenzhou's four venues, number and all.
      const underLegend = await page.evaluate(() => {
        const key = document.querySelector('.legend')!.getBoundingClientRect();
        return [...document.querySelectorAll<HTMLElement>('.map-cluster-count, .map-city-name')]
          .filter((e) => e.getClientRects().length > 0)
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.bottom > key.top && r.top < key.bottom && r.right > key.left && r.left < key.right;
          })
          .map((e) => e.textContent);
      });
      expect(underLegend, 'city: cluster numbers and city names under the legend').toEqual([]);
    }
  }
  await context.close();
});

test('on a phone, the header keeps the alerts in reach and folds the rest behind one button', async ({
  browser,
  baseURL,
  center,
}) => {
  const context = await browser.newContext({ baseURL, ...PHONE });
  await center.signIn(context);
  const page = await context.newPage();
  await page.goto('/');
  const header = page.locator('.wall-header');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  // Unfolded its own rows (the title, the connection, the menu) took 230 px, a third of the screen above the
  // map. (An alarm banner, when one sounds, comes below them.)
  const menuBox = (await header.locator('.user-menu').boundingBox())!;
  expect(menuBox.y + menuBox.height, "the header's rows end at").toBeLessThanOrEqual(844 / 5);
  await expect(header.getByRole('link', { name: 'Alerts' })).toBeVisible();
  const signOut = header.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeHidden();
  const menu = header.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(signOut).toBeVisible();
  await expect(header.getByRole('combobox', { name: 'Language' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Shift report' })).toBeVisible();
  for (const target of [menu, signOut, header.getByRole('link', { name: 'Shift report' })]) {
    const box = (await target.boundingBox())!;
    expect(Math.min(box.width, box.height), `${await target.textContent()}: a finger's target`).toBeGreaterThanOrEqual(
      44,
    );
  }
  await page.keyboard.press('Escape');
  await expect(signOut).toBeHidden();
  // On a wider screen nothing is folded.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(menu).toBeHidden();
  await expect(signOut).toBeVisible();
  await context.close();
});

// The tablets' screenshots are taken by their tests above; the 4K wall's here.
for (const size of [{ width: 3840, height: 2160 }]) {
  test(`screenshots of each level at ${size.width}x${size.height}`, async ({ page }, testInfo) => {
    await page.setViewportSize(size);
    for (const level of LEVELS) {
      await openLevel(page, level);
      // Let the chart draw its first frame too.
      await page.waitForTimeout(500);
      const name = `${level.name}-${size.width}x${size.height}.png`;
      await page.screenshot({ path: testInfo.outputPath(name) });
      await testInfo.attach(name, { path: testInfo.outputPath(name), contentType: 'image/png' });
    }
  });
}
