/**
 * The wall in the operator's language: a URL form for walls (`?lang=`), a switch that
 * persists, venue names from the registry in Chinese, and right-to-left Arabic laid out
 * mirrored. (That every language file has every key of English is a unit test.)
 */
import { CITIES } from '../lib/contracts/cities';
import { cityName, cityOtherName } from '../lib/i18n/city-names';
import { expect, test } from './fixtures/command-center';
import { expectDrawn } from './fixtures/drawn-text';
import { mapSettled } from './fixtures/levels';

test('a wall opened with ?lang=zh shows Chinese, registry names included, and stays Chinese', async ({ page }) => {
  await page.goto('/?lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('场馆指挥中心');
  await expect(page.getByRole('status').filter({ hasText: '实时' })).toBeVisible();
  // Venue names come from the registry in Chinese; figures in Intl's Chinese form.
  await expect(
    page.getByRole('region', { name: '场馆', exact: true }).getByRole('listitem', { name: /^滨江体育馆:/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: '场馆内人数' })).toContainText(/个场馆在报送/);
  // Kept: the next page without ?lang is still Chinese.
  await page.goto('/venues/binjiang-gymnasium');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('滨江体育馆');
  await expect(page.getByRole('region', { name: '区域' })).toBeVisible();
});

test('the language switch persists across reloads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Venue Command Center');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('会場コマンドセンター');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('会場コマンドセンター');
  await expect(page.getByRole('button', { name: 'サインアウト' })).toBeVisible();
  await page.getByRole('combobox', { name: '言語' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Venue Command Center');
});

test("the map's city names follow a switch of language, which does not make the map again", async ({ page }) => {
  await page.goto('/');
  const hangzhou = page.locator('.map-canvas .map-city-name[data-city="hangzhou"]');
  await expect(hangzhou).toHaveText('Hangzhou 杭州');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('场馆指挥中心');
  await expect(hangzhou).toHaveText('杭州 Hangzhou');
});

// The host cities are ours, not the registry's: named in every language, not "Huzhou 湖州" on a Korean wall.
test('every language names the host cities in its own words, on the map and on the board', async ({ page }) => {
  for (const lang of ['ja', 'ko', 'th', 'ar'] as const) {
    await page.goto(`/?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (const c of CITIES) {
      const name = cityName(c.id, lang);
      await expect(page.locator(`.map-canvas .map-city-name[data-city="${c.id}"] > span`).first()).toHaveText(name);
      await expect(
        page.locator('.venue-city-name').filter({ hasText: name }),
        `${c.id} heads its venues on the board in ${lang}`,
      ).toHaveText(`${name} ${cityOtherName(c.id, lang).text}`);
    }
  }
});

test("a venue's plan names its zones in the page's language, with no two labels over each other", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const labels = page.locator('.map-canvas .map-plan-label');
  const shown = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.map-canvas .map-plan-label')]
        .filter((l) => l.style.visibility !== 'hidden')
        .map((l) => {
          const r = l.getBoundingClientRect();
          return { text: l.textContent ?? '', x: r.x, y: r.y, right: r.right, bottom: r.bottom };
        }),
    );
  const apart = (boxes: Awaited<ReturnType<typeof shown>>) =>
    boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom)
        .map((b) => `${a.text} over ${b.text}`),
    );
  await page.goto('/venues/binjiang-gymnasium?lang=zh');
  await expect(labels.filter({ hasText: '北看台' })).toBeVisible();
  await expect(labels.filter({ hasText: 'North Stand' })).toHaveCount(0);
  const map = (await page.locator('.map-canvas').boundingBox())!;
  await expect.poll(async () => (await shown()).length).toBeGreaterThanOrEqual(5);
  const zh = await shown();
  // At a tablet's size the side gates and the stands beside them would print over each other: one is left out.
  expect(apart(zh)).toEqual([]);
  for (const l of zh) {
    expect(l.x, `${l.text} inside the map`).toBeGreaterThanOrEqual(map.x);
    expect(l.right, `${l.text} inside the map`).toBeLessThanOrEqual(map.x + map.width + 0.5);
  }
  // The same plan in Arabic: the registry's English names (it has no Arabic), figures and units in Arabic.
  await page.getByRole('combobox', { name: '语言' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(labels.filter({ hasText: 'North Stand' })).toBeVisible();
  await expect(labels.filter({ hasText: /%/ }).first()).toContainText(/[٠-٩0-9]/);
  await expect(labels.filter({ hasText: '/min' })).toHaveCount(0);
  expect(apart(await shown())).toEqual([]);
  await expectDrawn(page, 'the Arabic plan');
});

test('Arabic lays the wall out right to left', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?lang=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('مركز قيادة الملاعب');
  await expect(page.getByRole('status').filter({ hasText: 'مباشر' })).toBeVisible();
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
  // Mirrored: the title at the right, the clock at the left; the map right of the figures.
  expect((await box('.brand')).x).toBeGreaterThan((await box('.clock')).x);
  expect((await box('.map-panel')).x).toBeGreaterThan((await box('.kpis')).x);
  // A venue's status bar stands at its start, which is now its right edge.
  const chip = page.locator('.venue-chip').first();
  const border = await chip.evaluate((el) => ({
    right: getComputedStyle(el).borderRightWidth,
    left: getComputedStyle(el).borderLeftWidth,
  }));
  expect(parseFloat(border.right)).toBeGreaterThan(2);
  expect(parseFloat(border.left)).toBe(0);
});

test("the inset's title covers no cluster's number, left to right or right to left, on a wall and a tablet", async ({
  page,
}) => {
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1024, height: 768 },
  ])
    for (const lang of ['en', 'ar']) {
      await page.setViewportSize(size);
      await page.goto(`/?lang=${lang}`);
      await expect(page.locator('.map-inset-frame')).toBeVisible();
      await mapSettled(page);
      // In Arabic the title had stood at the inset's start, its north-east, over a cluster of two.
      const covered = () =>
        page.evaluate(() => {
          const title = document.querySelector('.map-inset-title')!.getBoundingClientRect();
          return [...document.querySelectorAll<HTMLElement>('.map-cluster-count')]
            .filter((c) => c.getClientRects().length > 0)
            .map((c) => c.getBoundingClientRect())
            .filter((r) => r.right > title.left && r.left < title.right && r.bottom > title.top && r.top < title.bottom)
            .map((r) => `${Math.round(r.x)},${Math.round(r.y)}`);
        });
      await expect(page.locator('.map-cluster-count').first()).toBeVisible();
      expect(await covered(), `${lang} at ${size.width}x${size.height}`).toEqual([]);
    }
});

test("the same alarm in Chinese and Arabic: the rules' words translated, the feed's own kept", async ({
  page,
  center,
}) => {
  await center.scenario('power-loss', 'shaoxing-olympic-stadium');
  for (const [lang, kind, severity] of [
    ['zh', '（电力故障）', '严重'],
    ['ar', '(عطل كهربائي)', 'حرج'],
  ] as const) {
    await page.goto(`/alerts?lang=${lang}`);
    const card = page.getByRole('article').filter({ hasText: 'Mains power lost' }).first();
    // The feed's title as the venue wrote it, its kind in the reader's language.
    await expect(card.getByRole('heading')).toContainText(kind);
    await expect(card).toContainText(severity);
  }
});

// English, Chinese and Arabic are checked on every page by the accessibility spec; the other three here, on
// the 4K wall and the responder's phone: every character drawn by a shipped face, every chart with room.
for (const lang of ['ja', 'ko', 'th'] as const) {
  test(`${lang}: the 4K wall and the phone's alerts draw every character, charts unsquashed`, async ({
    page,
  }, testInfo) => {
    for (const [name, path, viewport] of [
      ['wall-3840x2160', '/', { width: 3840, height: 2160 }],
      ['alerts-390x844', '/alerts', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('.connection[data-phase="live"]').first()).toBeVisible();
      await expectDrawn(page, `${name} (${lang})`);
      const shot = testInfo.outputPath(`${name}-${lang}.png`);
      await page.screenshot({ path: shot });
      await testInfo.attach(`${name}-${lang}.png`, { path: shot, contentType: 'image/png' });
    }
  });
}
