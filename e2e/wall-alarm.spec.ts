/**
 * The wall that draws the eye: a sound for a new critical alert that repeats until someone
 * acknowledges it or mutes it, an honest "click to enable sound" where the browser blocks it,
 * and a kiosk mode with no controls and no cursor.
 */
import { expect, test } from './fixtures/command-center';
import { WallPage } from './fixtures/wall-page';

test.describe.configure({ mode: 'serial' });

/** Counts the wall's attempts to play each sound, and whether the browser allowed them. */
const COUNT_PLAYS = () => {
  const plays: { src: string; ok: boolean }[] = [];
  (window as unknown as { __plays: typeof plays }).__plays = plays;
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    const result = play.call(this);
    result.then(
      () => plays.push({ src: this.src, ok: true }),
      () => plays.push({ src: this.src, ok: false }),
    );
    return result;
  };
};

test('a critical alert sounds until acknowledged; a blocked browser is asked for a click', async ({
  page,
  center,
  browser,
}) => {
  await page.addInitScript(COUNT_PLAYS);
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await center.scenario('power-loss', 'huzhou-deqing-gym');
  // The simulator raises random incidents too: look for this one by its venue.
  const banner = page.getByRole('alert', { name: /^Critical alarm/ });
  await expect(banner).toHaveAccessibleName(
    /Mains power lost; UPS on battery \(power fault\) at Deqing Sports Centre Gymnasium/,
  );
  const plays = () => page.evaluate(() => (window as unknown as { __plays: { src: string; ok: boolean }[] }).__plays);
  await expect.poll(async () => (await plays()).some((p) => p.src.endsWith('/sounds/critical.wav'))).toBe(true);

  // Headless Chromium, like a freshly opened wall, refuses sound before a click: the wall says so.
  const enable = page.getByRole('button', { name: 'Click to enable sound' });
  if ((await plays()).every((p) => !p.ok)) {
    await expect(enable).toBeVisible();
    await enable.click();
  }
  await expect.poll(async () => (await plays()).filter((p) => p.ok).length).toBeGreaterThan(0);
  await expect(enable).toBeHidden();
  // It repeats while nobody has acknowledged.
  const soFar = (await plays()).length;
  await expect.poll(async () => (await plays()).length, { timeout: 15_000 }).toBeGreaterThan(soFar);

  // A responder acknowledges it elsewhere: the alarm stops.
  const phone = await browser.newContext({ baseURL: center.baseURL });
  await center.signIn(phone, 'responder');
  const alerts = (await (await phone.request.get('/api/alerts')).json()) as {
    alerts: { id: number; venueId: string; severity: string; status: string }[];
  };
  for (const a of alerts.alerts.filter((x) => x.venueId === 'huzhou-deqing-gym' && x.status === 'open')) {
    const res = await phone.request.post(`/api/alerts/${a.id}/actions`, {
      headers: { Origin: center.baseURL },
      data: { action: 'acknowledge', requestId: `alarm-test-${a.id}` },
    });
    expect(res.status()).toBe(200);
  }
  await expect(page.getByRole('alert', { name: /Mains power lost; UPS on battery at Deqing/ })).toHaveCount(0);
  await phone.close();
});

test('mute silences what sounds now; a new critical alert sounds again', async ({ page, center }) => {
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  await center.scenario('network-outage', 'jinhua-gymnasium');
  const banner = page.getByRole('alert', { name: /^Critical alarm/ });
  await expect(banner).toHaveAccessibleName(/Network outage.* at Jinhua/);
  await page.getByRole('button', { name: 'Mute alarm' }).click();
  // Muted: gone, or (if the simulator raised another meanwhile) no longer about Jinhua.
  await expect(page.getByRole('alert', { name: /at Jinhua/ })).toHaveCount(0);
  await center.scenario('power-loss', 'linping-stadium');
  await expect(banner).toHaveAccessibleName(/Mains power lost.* at Linping/);
});

test('kiosk mode: no controls, no cursor, the same live wall', async ({ page }) => {
  await page.goto('/?kiosk');
  const wall = new WallPage(page);
  await expect(wall.connection).toContainText('Live');
  await expect(wall.venues).toHaveCount(56);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Act on alerts' })).toBeHidden();
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.venue-chip-link')!).cursor)).toBe('none');
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
