/**
 * A server started while its PostgreSQL is away: it answers at once; a wall signed in before shows
 * the live picture through its view pass, with its alerts saying "starting" rather than "none"; a
 * browser without a pass is told in words that the server waits for its database; and both go on to
 * the whole wall by themselves once the database returns. (It used to fail start-up for good and
 * answer 500 until restarted by hand; then it showed every wall "starting" until the database came.)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTcpProxy, type TcpProxy } from '../lib/testing/tcp-proxy';
import { CommandCenter, expect, freePort, test } from './fixtures/command-center';

const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = `vcc_boot_${randomBytes(4).toString('hex')}`;

let proxy: TcpProxy | undefined;
let center: CommandCenter | undefined;

test.afterAll(async () => {
  proxy?.restore();
  await center?.stop();
  await proxy?.close();
  const c = new pg.Client({ connectionString: ADMIN_DB });
  await c.connect();
  await c.query(`drop database if exists ${DB_NAME} with (force)`);
  await c.end();
});

test('a wall asked for while the database is away shows the live picture with alerts starting, and the alerts once it returns', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const admin = new pg.Client({ connectionString: ADMIN_DB });
  await admin.connect();
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const direct = new URL(`/${DB_NAME}`, ADMIN_DB);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(direct);
  viaProxy.port = String(proxy.port);

  center = new CommandCenter(await freePort(), await freePort(), {
    DATABASE_URL: viaProxy.toString(),
    // What every instance of a fleet shares, so a pass outlives a restart (lib/auth/view-pass.ts).
    SESSION_SECRET: randomBytes(32).toString('base64url'),
  });
  try {
    // A first start with the database there: sign in (the session is kept in the database).
    await center.startWeb();
    await center.startSim();
    const options = { baseURL: center.baseURL, viewport: { width: 1920, height: 1080 } };
    const context = await browser.newContext(options);
    await center.signIn(context);
    // A session from before view passes existed: the session cookie alone.
    const older = await browser.newContext(options);
    await center.signIn(older);
    const passless = (await older.cookies()).filter((c) => c.name !== 'vcc_view');
    expect(passless).toHaveLength((await older.cookies()).length - 1);
    await older.clearCookies();
    await older.addCookies(passless);

    // The server dies, and starts again while its database is away.
    await center.killWeb();
    proxy.cut();
    await center.startWeb(false);

    // With its pass: the live venue at once, its alerts "starting" (not "none"), the alarm count unknown.
    const page = await context.newPage();
    await page.goto('/venues/binjiang-gymnasium');
    await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/);
    await expect(page.getByRole('status').first()).toContainText('Live', { timeout: 30_000 });
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await expect(alerts.getByText('Alerts are starting')).toBeVisible();
    await expect(alerts).not.toContainText('No alerts');
    await expect(alerts).not.toContainText('unacknowledged');
    await expect(page.getByTestId('kpi-alarms-unacknowledged')).toHaveText('—');
    await expect(page.getByRole('region', { name: 'Zones' })).toContainText('%');
    await page.screenshot({ path: testInfo.outputPath('alerts-starting.png') });
    // Looking is all a pass allows: an action waits for the database.
    const acting = await context.request.post(`${center.baseURL}/api/alerts/1/actions`, {
      headers: { Origin: center.baseURL },
      data: { action: 'acknowledge', version: 1 },
    });
    expect(acting.status()).toBe(503);

    // Without one: told in words that the server waits for its database.
    const waiting = await older.newPage();
    await waiting.goto('/venues/binjiang-gymnasium');
    await expect(waiting).toHaveURL(/\/starting\?next=%2Fvenues%2Fbinjiang-gymnasium$/, { timeout: 20_000 });
    await expect(waiting.getByRole('heading', { level: 1 })).toHaveText('Starting');
    await expect(waiting.getByRole('status')).toContainText('waiting for its database');
    await expect(waiting.getByText(/Tried \d+ times/)).toBeVisible();

    // The database returns: the same server attaches; the live page gets its alerts without a reload,
    // and the waiting page goes on by itself.
    proxy.restore();
    await expect(alerts).toContainText(/\d+ unacknowledged · \d+ unresolved/, { timeout: 40_000 });
    await expect(alerts.getByText('Alerts are starting')).toHaveCount(0);
    await expect(page.getByTestId('kpi-alarms-unacknowledged')).toHaveText(/^\d+$/);
    await expect(waiting).toHaveURL(/\/venues\/binjiang-gymnasium$/, { timeout: 40_000 });
    await expect(waiting.getByRole('status').first()).toContainText('Live', { timeout: 30_000 });
    await older.close();
    await context.close();
  } catch (err) {
    await testInfo.attach('server log', { body: center.log.join('') });
    throw err;
  }
});
