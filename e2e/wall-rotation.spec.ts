/**
 * The rotation that reacts: a playlist of views (e2e/fixtures/wall-rotation.json: the city,
 * the incidents, one venue, 30 s each) played from the wall clock, paused and resumed by an
 * operator, overridden by a critical alert until someone acknowledges it. Time moves with
 * Playwright's clock, never with sleeps. The simulator raises no random incidents here, so
 * the only critical alert is the one the test causes.
 */
import type { Page } from '@playwright/test';
import type { AlertView } from '../lib/contracts/alerts';
import { expect, test } from './fixtures/command-center';

const CYCLE_MS = 90_000;

test.use({
  centerOptions: {
    webEnv: { WALL_CONFIG_FILE: 'e2e/fixtures/wall-rotation.json' },
    simSpeed: 1,
    simArgs: ['--incidents-per-venue-hour', '0'],
  },
});

/** The page's clock at the start of a rotation cycle, a little ahead of real time. */
function cycleStart(): number {
  return (Math.floor(Date.now() / CYCLE_MS) + 1) * CYCLE_MS;
}

const rotation = (page: Page) => page.getByRole('status', { name: 'Rotation' });

async function expectView(page: Page, path: string, strip: RegExp) {
  await expect(page).toHaveURL((url) => url.pathname === path && url.searchParams.has('rotate'));
  await expect(rotation(page)).toContainText(strip);
}

test('the rotation advances through its views, pauses and resumes', async ({ page }) => {
  await page.clock.install({ time: cycleStart() + 1000 });
  await page.goto('/?rotate');
  await expectView(page, '/', /All venues\s*1\/3/);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  await page.clock.fastForward(30_000);
  await expectView(page, '/incidents', /Alerts\s*2\/3/);
  await expect(page.getByRole('region', { name: 'Alerts' })).toBeVisible();

  await page.clock.fastForward(30_000);
  await expectView(page, '/venues/binjiang-gymnasium', /Binjiang Gymnasium\s*3\/3/);

  await page.clock.fastForward(30_000);
  await expectView(page, '/', /1\/3/);

  // Paused, the wall stays where it is however long it waits; P does the same from a keyboard.
  await page.getByRole('button', { name: 'Pause rotation' }).click();
  await expect(rotation(page)).toHaveAttribute('data-mode', 'paused');
  await page.clock.fastForward(40_000);
  await expect(rotation(page)).toContainText('Rotation paused');
  expect(new URL(page.url()).pathname).toBe('/');
  await page.getByRole('button', { name: 'Resume rotation' }).click();
  // Resumed where the clock says the wall is, not where it paused (the city, 1/3): 40 s on, the
  // incidents, or later still if the page's clock (which also runs in real time) has moved on
  // while a slow machine drew the views.
  await expect(async () => {
    const intoCycle = ((await page.evaluate(() => Date.now())) % CYCLE_MS) / 1000;
    expect(intoCycle, 'the page clock is past where the wall paused').toBeGreaterThanOrEqual(30);
    const [path, strip] =
      intoCycle < 60 ? ['/incidents', /2\/3/] : ['/venues/binjiang-gymnasium', /Binjiang Gymnasium\s*3\/3/];
    expect(new URL(page.url()).pathname).toBe(path);
    await expect(rotation(page)).toContainText(strip, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('p');
  await expect(rotation(page)).toHaveAttribute('data-mode', 'paused');
  await page.keyboard.press('p');
  await expect(rotation(page)).toHaveAttribute('data-mode', 'rotating');
});

test('a critical alert takes the wall to its venue and holds it there until acknowledged', async ({
  page,
  center,
  browser,
}) => {
  await page.clock.install({ time: cycleStart() + 1000 });
  await page.goto('/?kiosk&rotate');
  await expectView(page, '/', /1\/3/);
  // Kiosk: the rotation shows, its controls do not.
  await expect(page.getByRole('button', { name: 'Pause rotation' })).toBeHidden();

  // Everything the page's heading and venue area say from now on, however briefly.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    const note = () => {
      const h1 = document.querySelector('h1')?.textContent ?? '';
      const main = document.querySelector('.venue-message, .venue-held')?.textContent ?? '';
      seen.push(`${h1}|${main}`);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await center.scenario('power-loss', 'huzhou-deqing-gym');
  await expect(page).toHaveURL(/\/venues\/huzhou-deqing-gym\?kiosk&rotate$/);
  // The moment the wall jumps, it names the venue and shows what it already holds: never the
  // raw id, never an empty "connecting" page.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Deqing Sports Centre Gymnasium');
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen.filter((s) => s.startsWith('huzhou-deqing-gym') || s.includes('Connecting to the venue feed'))).toEqual(
    [],
  );
  await expect(rotation(page)).toHaveAttribute('data-mode', 'held');
  await expect(rotation(page)).toContainText('Held on Deqing Sports Centre Gymnasium');
  // The alarm draws the eye as well.
  await expect(page.getByRole('alert', { name: /^Critical alarm/ })).toBeVisible();

  // Two full cycles later it still holds: nobody has acknowledged.
  await page.clock.fastForward(CYCLE_MS);
  await page.clock.fastForward(CYCLE_MS);
  await expect(rotation(page)).toHaveAttribute('data-mode', 'held');
  expect(new URL(page.url()).pathname).toBe('/venues/huzhou-deqing-gym');

  // A responder acknowledges on their phone: the wall picks its rotation up again.
  const phone = await browser.newContext({ baseURL: center.baseURL });
  await center.signIn(phone, 'responder');
  await expect(async () => {
    const { alerts } = (await (await phone.request.get('/api/alerts')).json()) as { alerts: AlertView[] };
    for (const a of alerts.filter((x) => x.severity === 'critical' && x.status === 'open')) {
      await phone.request.post(`/api/alerts/${a.id}/actions`, {
        headers: { Origin: center.baseURL },
        data: { action: 'acknowledge', requestId: `rotation-${a.id}-${a.version}` },
      });
    }
    await expect(rotation(page)).toHaveAttribute('data-mode', 'rotating', { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(page).toHaveURL((url) => url.pathname !== '/venues/huzhou-deqing-gym');
  await phone.close();
});
