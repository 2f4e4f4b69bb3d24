/**
 * The fleet as it runs in production, as processes: `scripts/fleet.ts` starts three web instances
 * behind nginx on this machine's PostgreSQL and Mosquitto, with the simulator. The tests kill an
 * instance with -9 under a live wall, and act on a phone through one instance while a wall watches
 * through another.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

const PROXY_PORT = 3610;
const BASE_PORT = 3611;
const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MQTT_URL = process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const TAG = randomBytes(4).toString('hex');
const DB_NAME = `vcc_fleet_e2e_${TAG}`;
const PREFIX = `vcc-fleet-e2e-${TAG}/`;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const proxyURL = `http://127.0.0.1:${PROXY_PORT}`;
const instanceURL = (k: number) => `http://127.0.0.1:${BASE_PORT + k}`;

interface FleetState {
  instances: { name: string; port: number; pid: number | null; restarts: number }[];
}

let fleet: ChildProcess;
const log: string[] = [];
const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'vcc-fleet-e2e-')), 'state.json');
const state = () => JSON.parse(readFileSync(stateFile, 'utf8')) as FleetState;

async function ready(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/health/ready`).catch(() => undefined);
  return res?.status === 200;
}

async function signIn(context: BrowserContext, base: string, user: string): Promise<void> {
  const res = await context.request.post(`${base}/api/auth/login`, {
    headers: { Origin: base },
    data: { username: user, password: 'games-2023' },
  });
  expect(res.status()).toBe(200);
}

function scenario(kind: string, venueId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'telemetry-sim/cli.ts', 'scenario', kind, '--venue', venueId, '--url', MQTT_URL],
      { env: { ...process.env, MQTT_TOPIC_PREFIX: PREFIX }, stdio: 'ignore' },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scenario exited ${code}`))));
  });
}

/** The instance names that served this page's streams, in order. */
function streamInstances(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/stream') seen.push(r.headers()['x-vcc-instance'] ?? '?');
  });
  return seen;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fleet = spawn(process.execPath, ['--import', 'tsx', 'scripts/fleet.ts'], {
    env: {
      ...process.env,
      PORT: String(PROXY_PORT),
      FLEET_BASE_PORT: String(BASE_PORT),
      FLEET_STATE_FILE: stateFile,
      FLEET_RESTART_MS: '3000',
      DATABASE_URL: new URL(`/${DB_NAME}`, ADMIN_DB).toString(),
      MQTT_URL,
      MQTT_TOPIC_PREFIX: PREFIX,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 2000) log.shift();
  };
  fleet.stdout!.on('data', keep);
  fleet.stderr!.on('data', keep);
  await expect
    .poll(async () => (await Promise.all([proxyURL, ...[0, 1, 2].map(instanceURL)].map(ready))).every(Boolean), {
      timeout: 150_000,
      intervals: [1000],
    })
    .toBe(true);
});

test.afterAll(async () => {
  if (fleet && fleet.exitCode === null) {
    const gone = new Promise((r) => fleet.once('exit', r));
    fleet.kill('SIGTERM');
    await gone;
  }
  const c = new pg.Client({ connectionString: ADMIN_DB });
  await c.connect();
  await c.query(`drop database if exists ${DB_NAME} with (force)`);
  await c.end();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach('fleet log', { body: log.join('') });
  // Each instance's own account (leader, history written, links): what a failure is read from.
  const health = await Promise.all(
    [0, 1, 2].map(async (k) =>
      (await fetch(`${instanceURL(k)}/api/health`).catch(() => undefined))?.text().catch(() => 'no answer'),
    ),
  );
  await testInfo.attach('instances health', { body: health.map((h, k) => `web-${k}: ${h ?? 'no answer'}`).join('\n') });
});

test('kill -9 the instance a wall streams from: the wall is live again through another, nothing doubled', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signIn(context, proxyURL, 'operator');
  const page = await context.newPage();
  const served = streamInstances(page);
  await page.goto(`${proxyURL}/`);
  await expect(page.getByRole('status')).toContainText('Live');
  await scenario('power-loss', 'wenzhou-olympic-gym');
  const row = page
    .getByRole('region', { name: 'Alerts' })
    .locator('[data-alert-id]')
    .filter({ hasText: 'Mains power lost' })
    .filter({ hasText: 'Wenzhou Olympic' });
  await expect(row).toHaveCount(1, { timeout: 60_000 });

  const victim = served.at(-1)!;
  const pid = state().instances.find((i) => i.name === victim)!.pid!;
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');

  // Back through another instance, with a fresh snapshot: live, the same alert once.
  await expect.poll(() => served.slice(1).some((name) => name !== victim), { timeout: 15_000 }).toBe(true);
  await expect(page.getByRole('status')).toContainText('Live', { timeout: 15_000 });
  testInfo.annotations.push({ type: 'kill to live again, ms', description: String(Date.now() - killedAt) });
  await expect(row).toHaveCount(1);
  const ids = await page
    .locator('[data-alert-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')));
  expect(ids.length).toBeGreaterThan(0);
  expect(new Set(ids).size).toBe(ids.length);
  // And the fleet started the killed instance again, as a supervisor would.
  await expect.poll(() => state().instances.find((i) => i.name === victim)!.restarts, { timeout: 30_000 }).toBe(1);
  // ...and it is ready to serve again (started is not ready: its feed runtime answers 503 until then).
  const port = state().instances.find((i) => i.name === victim)!.port;
  await expect.poll(() => ready(`http://127.0.0.1:${port}`), { timeout: 90_000, intervals: [1000] }).toBe(true);
  await context.close();
});

test('an acknowledgement on a phone through one instance shows on a wall through another', async ({ browser }) => {
  // Each straight to its own instance (no proxy): the phone on the first, the wall on the second.
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signIn(wallContext, instanceURL(1), 'operator');
  const wall = await wallContext.newPage();
  await wall.goto(`${instanceURL(1)}/`);
  await expect(wall.getByRole('status')).toContainText('Live');

  const phoneContext = await browser.newContext(PHONE);
  await signIn(phoneContext, instanceURL(0), 'responder');
  const phone = await phoneContext.newPage();
  await phone.goto(`${instanceURL(0)}/alerts`);
  await expect(phone.getByRole('status').first()).toContainText('Live');

  await scenario('power-loss', 'jinhua-stadium');
  const card = phone
    .getByRole('article', { name: /critical alert: Mains power lost/ })
    .filter({ hasText: 'Jinhua Sports Centre Stadium' });
  await expect(card).toContainText('Unacknowledged', { timeout: 60_000 });
  const row = wall
    .getByRole('region', { name: 'Alerts' })
    .locator('[data-alert-id]')
    .filter({ hasText: 'Mains power lost' })
    .filter({ hasText: 'Jinhua Sports Centre Stadium' });
  await expect(row).toContainText('Unacknowledged');

  await card.getByRole('button', { name: 'Acknowledge', exact: true }).tap();
  await expect(card.getByRole('status')).toHaveText(/^Acknowledged by Li Na/);
  await expect(row).toContainText('Acknowledged by Li Na');
  await wallContext.close();
  await phoneContext.close();
});

test('the rules leader killed: another instance takes the rules over within seconds and raises nothing twice', async ({
  browser,
}, testInfo) => {
  const leader = async () => {
    for (const k of [0, 1, 2]) {
      const res = await fetch(`${instanceURL(k)}/api/health`).catch(() => undefined);
      if (res?.ok && ((await res.json()) as { rulesLeader: boolean }).rulesLeader) return k;
    }
    return null;
  };
  await expect.poll(leader, { timeout: 30_000 }).not.toBeNull();
  const first = (await leader())!;

  const context = await browser.newContext();
  await signIn(context, proxyURL, 'operator');
  type Alert = { id: number; type: string; venueId: string; count: number; status: string };
  const powerAlerts = async () =>
    ((await (await context.request.get(`${proxyURL}/api/alerts`)).json()) as { alerts: Alert[] }).alerts.filter(
      (a) => a.venueId === 'hz-olympic-aquatics' && a.type === 'it_power_fault',
    );
  await scenario('power-loss', 'hz-olympic-aquatics');
  await expect.poll(async () => (await powerAlerts()).length, { timeout: 60_000 }).toBe(1);

  const victim = state().instances[first]!;
  const killedAt = Date.now();
  process.kill(victim.pid!, 'SIGKILL');
  await expect
    .poll(
      async () => {
        const k = await leader();
        return k !== null && k !== first;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  testInfo.annotations.push({ type: 'kill to new rules leader, ms', description: String(Date.now() - killedAt) });
  // Let the new leader judge the model for a while: the power fault is still there, and raised once.
  await new Promise((r) => setTimeout(r, 8000));
  const after = await powerAlerts();
  expect(after).toHaveLength(1);
  expect(after[0]!.count).toBe(1);
  const trail = (await (await context.request.get(`${proxyURL}/api/alerts/${after[0]!.id}`)).json()) as {
    trail: { action: string }[];
  };
  expect(trail.trail.filter((e) => e.action === 'raised' || e.action === 'repeated')).toHaveLength(1);
  await context.close();
});

test('an instance killed and started again shows the same hour as the others, from the database', async ({
  browser,
}) => {
  // Two finished minutes can be four minutes away: the fleet may be two minutes old, and a leader that
  // took over in test 3 may itself have restarted in test 1 (it writes only minutes it saw whole, from
  // its first full minute on). Then the kill, the window and the restart.
  test.setTimeout(420_000);
  const context = await browser.newContext();
  await signIn(context, proxyURL, 'operator');
  const sensor = '/api/venues/hz-olympic-stadium/sensors/power-1/history';
  type Series = { bucketMs: number; points: [number, number][] };
  const get = async (url: string) => (await (await context.request.get(url)).json()) as Series;
  // The rules leader writes each finished minute: wait for two of them.
  await expect
    .poll(async () => (await get(`${proxyURL}/api/history/city?from=${Date.now() - 3600_000}`)).points.length, {
      timeout: 240_000,
      intervals: [2000],
    })
    .toBeGreaterThanOrEqual(2);

  // Killed well inside a minute, the one before it written (5 s after its end) and the restart done
  // before the next is due: the minutes compared below are then the same on both sides.
  while (Date.now() % 60_000 < 10_000 || Date.now() % 60_000 > 40_000) await new Promise((r) => setTimeout(r, 500));
  const victim = state().instances[2]!;
  process.kill(victim.pid!, 'SIGKILL');
  const killedAt = Date.now();
  await expect.poll(() => state().instances[2]!.restarts, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await expect.poll(() => ready(instanceURL(2)), { timeout: 120_000, intervals: [1000] }).toBe(true);

  // Its rings begin with what was stored before it died: minutes it cannot have seen live.
  const restarted = await get(`${instanceURL(2)}${sensor}`);
  const stored = await get(`${instanceURL(0)}${sensor}?from=${killedAt - 3600_000}&to=${killedAt}`);
  const finished = ([t]: [number, number]) => t + 60_000 <= killedAt;
  const before = restarted.points.filter(finished);
  const expected = stored.points.filter(finished);
  expect(expected.length).toBeGreaterThanOrEqual(2);
  expect(before.map(([t]) => t)).toEqual(expected.map(([t]) => t));
  before.forEach(([, v], i) => expect(v).toBeCloseTo(expected[i]![1], 1));
  await context.close();
});
