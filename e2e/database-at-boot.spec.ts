/**
 * A server started while its PostgreSQL is away: it answers at once, a wall asked for meanwhile
 * says in words that it waits for its database, and goes on to the live wall by itself once the
 * database returns. (It used to fail start-up for good and answer 500 until restarted by hand.)
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

test('a wall asked for while the database is away says so, and goes on to the live wall once it returns', async ({
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

  center = new CommandCenter(await freePort(), await freePort(), { DATABASE_URL: viaProxy.toString() });
  try {
    // A first start with the database there: sign in (the session is kept in the database).
    await center.startWeb();
    await center.startSim();
    const context = await browser.newContext({ baseURL: center.baseURL, viewport: { width: 1920, height: 1080 } });
    await center.signIn(context);

    // The server dies, and starts again while its database is away.
    await center.killWeb();
    proxy.cut();
    await center.startWeb(false);
    const page = await context.newPage();
    await page.goto('/venues/binjiang-gymnasium');
    await expect(page).toHaveURL(/\/starting\?next=%2Fvenues%2Fbinjiang-gymnasium$/, { timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Starting');
    await expect(page.getByRole('status')).toContainText('waiting for its database');
    await expect(page.getByText(/Tried \d+ times/)).toBeVisible();

    // The database returns: the same server attaches, and the page goes on by itself.
    proxy.restore();
    await expect(page).toHaveURL(/\/venues\/binjiang-gymnasium$/, { timeout: 40_000 });
    await expect(page.getByRole('status').first()).toContainText('Live', { timeout: 30_000 });
    await context.close();
  } catch (err) {
    await testInfo.attach('server log', { body: center.log.join('') });
    throw err;
  }
});
