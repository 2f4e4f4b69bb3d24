/**
 * One cause, one alarm, as the wall shows it: the whole feed stops for 70 s and comes back. The
 * rules as they were raised thousands of sensor-offline alarms as the feed returned; the wall
 * must show one alarm (the feed), its venues listed beneath it, and nothing more as it settles.
 * The simulator raises no random incidents here, so every alarm is the test's; and the wall is calm
 * enough that venues come and go from its "needs attention" list one sensor warning at a time.
 */
import type { AlertView } from '../lib/contracts/alerts';
import { expect, test } from './fixtures/command-center';
import { WallPage } from './fixtures/wall-page';

const SIM_ARGS = ['--incidents-per-venue-hour', '0'];
test.use({ centerOptions: { simSpeed: 1, simArgs: SIM_ARGS } });

test('the wall stays put as venues come and go from its attention list: the map keeps its size, none says so', async ({
  page,
}) => {
  // A wall (a phone's or a laptop's page stacks its panels and scrolls: the map moves down as the list grows).
  await page.setViewportSize({ width: 1920, height: 1080 });
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection.filter({ hasText: 'Live' })).toBeVisible();
  const attention = page.getByRole('region', { name: 'Needs attention' });
  const map = page.getByRole('img', { name: 'Map of the host cities and venues' });
  // A calm wall's list empties and fills as single sensors wander in and out of warning: watch both states
  // (an alarm's banner, which moves the whole wall down, is not this test's).
  const boxes = { none: new Set<string>(), some: new Set<string>() };
  await expect(async () => {
    if ((await page.locator('.wall-alarm').count()) === 0) {
      const listed = await attention.getByRole('listitem').count();
      const none = await attention.getByText('All venues normal').isVisible();
      const box = JSON.stringify(await map.boundingBox());
      if (listed === 0 && none) boxes.none.add(box);
      if (listed > 0 && !none) boxes.some.add(box);
    }
    expect(boxes.none.size > 0 && boxes.some.size > 0).toBe(true);
  }).toPass({ timeout: 120_000, intervals: [500] });
  // One box in both: the map did not change size under the operator's eye (nor, on software GL, stall the
  // page for a second or two redrawing at its new size).
  expect([...new Set([...boxes.none, ...boxes.some])]).toHaveLength(1);
});

test('a 70 s pause of the whole feed is one alarm on the wall, not thousands', async ({ page, center }) => {
  test.setTimeout(6 * 60_000);
  const wall = new WallPage(page);
  await wall.open();
  await expect(wall.connection.filter({ hasText: 'Live' })).toBeVisible();
  const alerts = async () => ((await (await page.request.get('/api/alerts')).json()) as { alerts: AlertView[] }).alerts;

  const stoppedAt = Date.now();
  await center.stopSim();
  // Stale after 30 s: the feed's own alarm sounds, naming no venue.
  await expect(page.getByRole('alert', { name: /^Critical alarm/ })).toBeVisible({ timeout: 60_000 });
  await page.waitForTimeout(Math.max(0, stoppedAt + 70_000 - Date.now()));
  await center.startSim(1, SIM_ARGS);
  await expect(wall.connection.filter({ hasText: 'Live' })).toBeVisible({ timeout: 30_000 });

  // Long enough for every sensor to have been called offline on the old rules (3 intervals of
  // 15 s) and for the offline rule's own delay (60 s) to run out.
  await page.waitForTimeout(100_000);
  const raised = (await alerts()).filter((a) => a.lastRaisedAt >= stoppedAt);
  expect(raised.map((a) => `${a.type} ${a.source}`)).toEqual(['feed_stale feed']);
  expect(raised[0]).toMatchObject({ consequences: { count: 56, byType: { venue_silent: 56 } } });
  // On the wall: that one alarm, its consequences said beneath it, and the headline count agrees.
  const row = wall.alerts.filter({ hasText: 'the whole feed is stale' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Explains 56 more alarms');
  const unacknowledged = (await alerts()).filter((a) => a.status === 'open').length;
  await expect(wall.alarmsUnacknowledged).toHaveText(String(unacknowledged));
});
