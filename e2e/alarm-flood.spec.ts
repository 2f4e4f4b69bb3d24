/**
 * One cause, one alarm, as the wall shows it: the whole feed stops for 70 s and comes back. The
 * rules as they were raised thousands of sensor-offline alarms as the feed returned; the wall
 * must show one alarm (the feed), its venues listed beneath it, and nothing more as it settles.
 * The simulator raises no random incidents here, so every alarm is the test's.
 */
import type { AlertView } from '../lib/contracts/alerts';
import { expect, test } from './fixtures/command-center';
import { WallPage } from './fixtures/wall-page';

const SIM_ARGS = ['--incidents-per-venue-hour', '0'];
test.use({ centerOptions: { simSpeed: 1, simArgs: SIM_ARGS } });

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
