/**
 * Accessibility in every state (issue 15 item 9): axe-core (WCAG 2.1 A and AA rules) finds no serious
 * or critical violation on the wall live, stale and in alarm, on every drill-down level, on the
 * responder's `/alerts`, on `/login` and on `/report`, in English, Chinese and Arabic (right to left); and on
 * each of those pages no tofu and no flattened chart (issue 15 item 4), the wall's screenshot kept per language.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/command-center';
import { expectDrawn } from './fixtures/drawn-text';

// A center of its own (a worker option unlike the other files'): this file stops the feed and raises a
// power loss, which must not leave alarms on the board the next file's tests read.
test.use({ centerOptions: { simSpeed: 20 } });

const LANGUAGES = ['en', 'zh', 'ar'] as const;
const VENUE = 'binjiang-gymnasium';

/** Serious and critical violations only, each with where it is, so a failure says what to fix. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
}

/** A page of the command shell once its stream is live (the badge's phase, whatever the language). */
const live = (page: Page) => expect(page.locator('.connection[data-phase="live"]').first()).toBeVisible();

const SIGNED_IN_PAGES: { name: string; path: string; ready: (page: Page) => Promise<void>; everyLanguage: boolean }[] =
  [
    { name: 'the city wall', path: '/', ready: live, everyLanguage: true },
    { name: 'a venue', path: `/venues/${VENUE}`, ready: live, everyLanguage: false },
    { name: 'a zone', path: `/venues/${VENUE}/zones/gate-1`, ready: live, everyLanguage: false },
    { name: 'a sensor', path: `/venues/${VENUE}/sensors/scan-gate-1-1`, ready: live, everyLanguage: true },
    { name: 'the alerts of a responder', path: '/alerts', ready: live, everyLanguage: true },
    {
      name: 'the shift report',
      path: '/report',
      ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
      everyLanguage: true,
    },
  ];

// Every page in English; in Chinese and Arabic the pages whose words and layout differ by language (the
// venue and zone levels share the sensor level's shell and panels), to keep the suite's time in bounds.
for (const lang of LANGUAGES) {
  test(`${lang}: no serious or critical violation on any page, signed in or not`, async ({
    page,
    browser,
    center,
  }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    for (const p of SIGNED_IN_PAGES.filter((x) => lang === 'en' || x.everyLanguage)) {
      await page.goto(`${p.path}?lang=${lang}`);
      await p.ready(page);
      expect(await seriousViolations(page), `${p.name} (${lang})`).toEqual([]);
      // And every character of the language drawn by a shipped face, every chart with room to plot.
      await expectDrawn(page, `${p.name} (${lang})`);
      if (p.path !== '/') continue;
      const shot = testInfo.outputPath(`wall-${lang}-1920x1080.png`);
      await page.screenshot({ path: shot });
      await testInfo.attach(`wall-${lang}-1920x1080.png`, { path: shot, contentType: 'image/png' });
    }
    const signedOut = await browser.newContext({ baseURL: center.baseURL, viewport: { width: 1024, height: 768 } });
    const login = await signedOut.newPage();
    await login.goto(`/login?lang=${lang}`);
    await expect(login.getByRole('button')).not.toHaveCount(0);
    expect(await seriousViolations(login), `sign-in (${lang})`).toEqual([]);
    await signedOut.close();
  });
}

test('the wall stale and in alarm: still no serious or critical violation', async ({ page, center }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await live(page);
  // In alarm: a venue loses mains power.
  await center.scenario('power-loss', 'huzhou-deqing-gym');
  await expect(page.getByRole('alert', { name: /^Critical alarm/ })).toBeVisible({ timeout: 60_000 });
  expect(await seriousViolations(page), 'in alarm').toEqual([]);
  // Stale: the venues' feed stops; figures stay on screen, greyed and hatched.
  await center.stopSim();
  await expect(page.locator('.connection[data-phase="stale"]')).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page), 'stale').toEqual([]);
  await center.startSim();
  await live(page);
});

test('the map zoomed in by a person: its way back is a button assistive technology announces', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await live(page);
  const map = page.locator('.map-canvas');
  await expect(map).toHaveAttribute('data-settled', 'true');
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -600);
  const whole = page.getByRole('button', { name: 'Whole map' });
  await expect(whole).toBeVisible();
  // A map is one image to a screen reader; a control inside it would not be announced (children presentational).
  expect(await whole.evaluate((b) => b.closest('[role="img"]'))).toBeNull();
  expect(await seriousViolations(page), 'zoomed in').toEqual([]);
  await whole.click();
  await expect(whole).toBeHidden();
});
