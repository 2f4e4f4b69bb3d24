/**
 * The server behind one trusted reverse proxy (TRUST_PROXY=1), played by the test: the proxy
 * appends the address it received from to X-Forwarded-For and says the scheme. A guesser at
 * one address cannot lock the account's owner out at another, nor hide behind forged
 * entries; HSTS goes out behind https; metrics want their token.
 */
import { request as playwrightRequest } from '@playwright/test';
import { DEMO_PASSWORD, expect, test } from './fixtures/command-center';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
test.use({ centerOptions: { webEnv: { TRUST_PROXY: '1', METRICS_TOKEN } } });

test('failures from one address never lock the owner out from another', async ({ center }) => {
  const api = await playwrightRequest.newContext({ baseURL: center.baseURL });
  const from = (address: string, password: string, forged = '') =>
    api.post('/api/auth/login', {
      headers: { Origin: center.baseURL, 'X-Forwarded-For': forged + address },
      data: { username: 'responder2', password },
      failOnStatusCode: false,
    });
  const attacker: number[] = [];
  // The attacker rotates what it can write (the left of the header); the proxy's entry is the truth.
  for (let i = 0; i < 15; i++) attacker.push((await from('198.51.100.66', 'guess', `203.0.113.${i}, `)).status());
  expect(attacker.filter((s) => s === 401)).toHaveLength(10);
  expect(attacker.slice(10)).toEqual(Array(5).fill(429));
  // Even with the right password, that address waits.
  expect((await from('198.51.100.66', DEMO_PASSWORD)).status()).toBe(429);
  // The owner, elsewhere, signs in.
  expect((await from('192.0.2.10', DEMO_PASSWORD)).status()).toBe(200);
  await api.dispose();
});

test('HSTS when the trusted proxy says https, and the proxy names the host for the same-origin check', async ({
  center,
}) => {
  const api = await playwrightRequest.newContext({ baseURL: center.baseURL });
  const https = await api.get('/login', { headers: { 'X-Forwarded-Proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  const http = await api.get('/login');
  expect(http.headers()['strict-transport-security']).toBeUndefined();
  const viaProxy = await api.post('/api/auth/login', {
    headers: { Origin: 'https://wall.example', 'X-Forwarded-Host': 'wall.example', 'X-Forwarded-For': '192.0.2.11' },
    data: { username: 'operator', password: DEMO_PASSWORD },
    failOnStatusCode: false,
  });
  expect(viaProxy.status()).toBe(200);
  await api.dispose();
});

test('metrics answer only with the bearer token', async ({ center }) => {
  const api = await playwrightRequest.newContext({ baseURL: center.baseURL });
  expect((await api.get('/api/metrics', { failOnStatusCode: false })).status()).toBe(401);
  const wrong = await api.get('/api/metrics', {
    headers: { Authorization: 'Bearer nope' },
    failOnStatusCode: false,
  });
  expect(wrong.status()).toBe(401);
  const right = await api.get('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(await right.text()).toContain('vcc_mqtt_auth_failures_total');
  await api.dispose();
});
