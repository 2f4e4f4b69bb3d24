/**
 * The map draws on change: a frame when something it shows changes (a colour, a ring, a size once in a
 * while), never one per update of the feed. The simulator raises no random incidents here, so every alarm is
 * the test's: with them, an IT incident left critical and open in the Hangzhou cluster (one marker of 40 venues
 * at this size) before the test's own left the marker as it was, and the frame the test waited for was rightly
 * never drawn (CI, 2026-12-02).
 */
import { expect, test } from './fixtures/command-center';
import { WallPage } from './fixtures/wall-page';

test.use({ centerOptions: { simArgs: ['--incidents-per-venue-hour', '0'] } });

test('the map draws a frame when what it shows changes, not on every update of the feed', async ({
  page,
  center,
}, testInfo) => {
  // A small window: software GL then draws as fast as it is asked, so frames count what the map asked for.
  // Drawing on every update it asked for 26-31 frames in 10 s at this size (2026-11-30), and more with a GPU.
  await page.setViewportSize({ width: 800, height: 600 });
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection).toContainText('Live');
  const map = page.locator('.map-canvas');
  await expect(map).toHaveAttribute('data-settled', 'true');
  const draws = async () => Number(await map.getAttribute('data-draws'));
  await page.waitForTimeout(2000);
  // Beside the wall, the same stream counted: its deltas, and those that change a venue's colour or ring
  // (a whole venue entry goes only when its status moved; alerts change rings). Those must be drawn at once.
  await page.evaluate(() => {
    const w = window as unknown as { feedCount: { deltas: number; urgent: number }; feedSource: EventSource };
    w.feedCount = { deltas: 0, urgent: 0 };
    w.feedSource = new EventSource('/api/stream');
    w.feedSource.addEventListener('delta', (e) => {
      const d = JSON.parse((e as MessageEvent<string>).data) as { live?: object[]; alerts?: unknown[] };
      w.feedCount.deltas++;
      if (d.alerts?.length || d.live?.some((v) => 'worst' in v)) w.feedCount.urgent++;
    });
  });
  const before = await draws();
  await page.waitForTimeout(10_000);
  const quiet = (await draws()) - before;
  const feed = await page.evaluate(() => {
    const w = window as unknown as { feedCount: { deltas: number; urgent: number }; feedSource: EventSource };
    w.feedSource.close();
    return w.feedCount;
  });
  testInfo.annotations.push({
    type: 'frames drawn in 10 s of steady feed',
    description: `${quiet} frames; ${feed.deltas} deltas, ${feed.urgent} with a status or alert change`,
  });
  // Colours at once, sizes (crowds) at most once a second, and on software GL (this browser: SwiftShader, as a
  // wall PC without a GPU) at most every 3 s: a frame per status change and those at most, never one per delta
  // (it drew 26-31 in 10 s at this size when it did, as fast as software GL could).
  await expect(map, 'software GL is told apart at start').toHaveAttribute('data-gl', 'software');
  expect(feed.deltas, 'deltas in 10 s').toBeGreaterThan(30);
  expect(quiet, 'frames drawn in 10 s of steady feed').toBeLessThanOrEqual(feed.urgent + Math.ceil(10 / 3) + 1);
  // A venue turning critical is drawn at once. (Nothing critical yet: a venue already critical with an alarm
  // open, in aquatics' cluster, would leave its marker as it was, with nothing new to draw.)
  await expect(page.locator('.attention-card[data-severity="critical"]')).toHaveCount(0);
  const settled = await draws();
  await center.scenario('power-loss', 'hz-olympic-aquatics');
  await expect.poll(draws, { timeout: 15_000 }).toBeGreaterThan(settled);
});
