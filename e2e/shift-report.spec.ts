/**
 * The shift report for the hand-over: the last N hours of alerts (with times to acknowledge),
 * what is open, each venue's peak crowd; on screen, on paper (print media) and as a PDF.
 */
import { spawnSync } from 'node:child_process';
import type { AlertView } from '../lib/contracts/alerts';
import { expect, test } from './fixtures/command-center';

test('the shift report shows the shift, prints without its controls, and downloads as a PDF', async ({
  page,
  center,
}) => {
  // An alert in the window, whatever the simulator does. The report is a snapshot: load it once the
  // rules (once a second) have raised the alert.
  await center.scenario('power-loss', 'jinhua-stadium');
  await expect
    .poll(async () => {
      const { alerts } = (await (await page.request.get('/api/alerts')).json()) as { alerts: AlertView[] };
      return alerts.some((a) => a.venueId === 'jinhua-stadium' && a.severity === 'critical');
    })
    .toBe(true);
  await page.goto('/report');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shift report: the last 8 hours');
  const alerts = page.getByRole('region', { name: 'Alerts in the shift' });
  await expect(alerts.getByRole('row', { name: /^critical/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open at hand-over' })).toContainText('Jinhua Sports Centre Stadium');
  // Peaks are written as each minute ends: on a server just started, the first one comes within a minute.
  const peaks = page.getByRole('region', { name: 'Peak occupancy by venue' }).getByRole('row');
  await expect(async () => {
    await page.reload();
    expect(await peaks.count()).toBeGreaterThan(10);
  }).toPass({ timeout: 90_000, intervals: [5000] });

  await page.getByLabel('Covering').selectOption('4');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\/report\?hours=4$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shift report: the last 4 hours');
  // A link may ask for any span; the form then says that span, not the first of its usual ones.
  await page.goto('/report?hours=2');
  await expect(page.getByLabel('Covering')).toHaveValue('2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shift report: the last 2 hours');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Report controls' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^shift-report-\d{12}\.pdf$/);
  const res = await page.request.get('/api/report/pdf?hours=4');
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the report speaks the reader language; it is for signed-in people only', async ({ page, browser, center }) => {
  await page.goto('/report?lang=zh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('交接班报告：最近 8 小时');
  // The PDF too: the language chosen on the page (kept in a cookie) is the PDF's.
  const pdf = await (await page.request.get('/api/report/pdf?hours=8')).body();
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).stdout.toString('utf8');
  expect(text).toContain('交接班报告：最近 8 小时');
  expect(text).toContain('本班告警');
  const anonymous = await browser.newContext({ baseURL: center.baseURL });
  expect((await anonymous.request.get('/api/report/pdf')).status()).toBe(401);
  await anonymous.close();
});
