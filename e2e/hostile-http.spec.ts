/**
 * The web doors against a hostile client, on the built server as `npm start` runs it (no
 * proxy in front: TRUST_PROXY=0): each attack of issue 11 and the headers every answer
 * carries, and every page working under the enforced Content-Security-Policy.
 */
import { chromium, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { DEMO_PASSWORD, expect, test } from './fixtures/command-center';
import { LEVELS } from './fixtures/levels';

test.describe.configure({ mode: 'serial' });

async function anonymous(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}

/** Signs in through the form, as a person would, and waits for the wall. */
async function signInThroughForm(page: Page): Promise<void> {
  await page.getByLabel('User name').fill('operator');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('region', { name: 'Venues' }).getByRole('listitem')).toHaveCount(56);
}

const signIn = (api: APIRequestContext, baseURL: string, username: string, password: string, headers = {}) =>
  api.post('/api/auth/login', {
    headers: { Origin: baseURL, ...headers },
    data: { username, password },
    failOnStatusCode: false,
  });

test('every page works under the enforced policy, each with its own nonce', async ({ page, center, browser }) => {
  for (const level of LEVELS) {
    await page.goto(level.path);
    await level.ready(page);
  }
  for (const path of ['/incidents', '/alerts', '/report']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }
  // The sign-in page, signed out (the fixtures watch this context too).
  const fresh = await browser.newContext({ baseURL: center.baseURL });
  const login = await fresh.newPage();
  await login.goto('/login');
  await signInThroughForm(login);
  await fresh.close();

  const [a, b] = await Promise.all([page.request.get('/'), page.request.get('/')]);
  const csp = a.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(b.headers()['content-security-policy']).not.toBe(csp);
});

test('security headers on pages, API answers and files', async ({ page, center }) => {
  const anon = await anonymous(center.baseURL);
  const answers = [
    await page.request.get('/'),
    await anon.get('/login'),
    await page.request.get('/api/alerts'),
    await anon.get('/api/health', { failOnStatusCode: false }),
    await anon.get('/api/auth/me', { failOnStatusCode: false }),
    await anon.get('/geo/zhejiang.geojson'),
  ];
  for (const r of answers) {
    const h = r.headers();
    expect(h['x-content-type-options'], r.url()).toBe('nosniff');
    expect(h['referrer-policy'], r.url()).toBe('same-origin');
    expect(h['x-frame-options'], r.url()).toBe('DENY');
    expect(h['content-security-policy'], r.url()).toContain("frame-ancestors 'none'");
    // Plain http, and no proxy is trusted to say otherwise: no HSTS.
    expect(h['strict-transport-security'], r.url()).toBeUndefined();
  }
  const forged = await anon.get('/login', { headers: { 'X-Forwarded-Proto': 'https' } });
  expect(forged.headers()['strict-transport-security']).toBeUndefined();
  await anon.dispose();
});

test('the alerts page cannot be framed by another site', async ({ center }) => {
  // A browser of its own: the refusal is a CSP report, which every context of the suite's browser fails on.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const other = await browser.newContext();
  await center.signIn(other);
  const page = await other.newPage();
  const refused = new Promise<string>((resolve) =>
    page.on('console', (m) => /frame-ancestors/.test(m.text()) && resolve(m.text())),
  );
  await page.setContent(`<iframe id="f" src="${center.baseURL}/alerts" width="400" height="400"></iframe>`);
  expect(await refused).toContain("frame-ancestors 'none'");
  const frame = page.frameLocator('#f');
  await expect(frame.getByRole('button', { name: /acknowledge/i })).toHaveCount(0);
  await expect(frame.getByRole('heading')).toHaveCount(0);
  await browser.close();
});

test('rotating X-Forwarded-For does not get around the sign-in limit', async ({ center }) => {
  const anon = await anonymous(center.baseURL);
  const codes: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await signIn(anon, center.baseURL, 'nobody-xff', 'wrong', { 'X-Forwarded-For': `203.0.113.${i}` });
    codes.push(r.status());
  }
  expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(codes.slice(10)).toEqual([429, 429]);
  await anon.dispose();
});

test('an oversized body is refused before it is read, and the server goes on answering', async ({ center }) => {
  const anon = await anonymous(center.baseURL);
  const huge = Buffer.alloc(64 * 1024 * 1024, 0x61);
  const r = await anon.post('/api/auth/login', {
    headers: { Origin: center.baseURL, 'Content-Type': 'application/json' },
    data: huge,
    failOnStatusCode: false,
  });
  expect(r.status()).toBe(413);
  const ok = await anon.get('/api/health', { failOnStatusCode: false });
  expect([200, 503]).toContain(ok.status());
  // Bodies are checked against their schema: no casts of what a client sent.
  const extra = await anon.post('/api/auth/login', {
    headers: { Origin: center.baseURL },
    data: { username: 'operator', password: DEMO_PASSWORD, role: 'admin' },
    failOnStatusCode: false,
  });
  expect(extra.status()).toBe(400);
  const form = await anon.post('/api/auth/login', {
    headers: { Origin: center.baseURL },
    form: { username: 'operator', password: DEMO_PASSWORD },
    failOnStatusCode: false,
  });
  expect(form.status()).toBe(415);
  await anon.dispose();
});

const HOSTILE_NEXT = [
  '/%09/evil.example',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example/',
  '/%0d%0aSet-Cookie:%20x=1',
  '/%E6%BB%A8%E6%B1%9F',
  '/%E0%A4%A',
];

test('a sign-in or starting link never leads off the site, and never answers 500', async ({
  page,
  center,
  browser,
}) => {
  // Signed in: /login sends the user on at once, to this site only.
  for (const next of HOSTILE_NEXT) {
    const r = await page.request.get(`/login?next=${next}`, { maxRedirects: 0, failOnStatusCode: false });
    expect(r.status(), next).toBeLessThan(500);
    const location = r.headers()['location'] ?? '';
    expect(new URL(location, center.baseURL).origin, `${next} -> ${location}`).toBe(center.baseURL);
  }
  // The page a screen waits on while the server starts sends it on the same way (here at once: it has started).
  for (const next of HOSTILE_NEXT) {
    const r = await page.request.get(`/starting?next=${next}`, { maxRedirects: 0, failOnStatusCode: false });
    expect(r.status(), next).toBeLessThan(500);
    const location = r.headers()['location'] ?? '';
    expect(new URL(location, center.baseURL).origin, `${next} -> ${location}`).toBe(center.baseURL);
  }
  // Signed out, through the sign-in form.
  const fresh = await browser.newContext({ baseURL: center.baseURL });
  const login = await fresh.newPage();
  await login.goto('/login?next=/%09/evil.example');
  await signInThroughForm(login);
  expect(new URL(login.url()).origin).toBe(center.baseURL);
  await fresh.close();
});

test('a malformed session cookie is no session, never an error', async ({ center }) => {
  const anon = await anonymous(center.baseURL);
  const cookie = { Cookie: 'vcc_session=%E0%A4%A' };
  for (const path of ['/api/auth/me', '/api/alerts', '/api/stream']) {
    const r = await anon.get(path, { headers: cookie, failOnStatusCode: false });
    expect(r.status(), path).toBe(401);
  }
  const page = await anon.get('/', { headers: cookie, maxRedirects: 0, failOnStatusCode: false });
  expect(page.status()).toBeLessThan(500);
  await anon.dispose();
});
