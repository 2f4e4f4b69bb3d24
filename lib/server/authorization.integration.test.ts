/**
 * The authorisation matrix, through the real route handlers of a running server process
 * (embedded broker, embedded database): every role x every alert action x own or other venue,
 * plus a forged origin, a missing Origin and a missing session; and the reads (stream, history,
 * alert list and detail) a venue manager may and may not make.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_ACTIONS, type AlertAction, type AlertView, type Role } from '../contracts/alerts';
import { raiseCondition } from '../alerts/alert-repository';
import { testServerEnv } from '../testing/server-env';
import {
  outOfServicePOST,
  returnToServicePOST,
  shelvesGET,
  alertActionPOST,
  alertGET,
  alertsGET,
} from './alert-handlers';
import { loginPOST, usersGET } from './auth-handlers';
import { startFeedRuntime, type FeedRuntime } from './feed-runtime';
import { cityTrendChartGET, sensorSparklinesGET, streamGET } from './route-handlers';

const ORIGIN = 'http://vcc.test';
const OWN = 'binjiang-gymnasium'; // the demo venue manager's venue
const OTHER = 'hz-olympic-stadium';
const USERS: Record<Role, string> = {
  operator: 'operator',
  venue_manager: 'manager',
  responder: 'responder',
  admin: 'admin',
};

/** What each role may do, by venue: the product's rules written out once more, as a table. */
const ALL = { acknowledge: 200, assign: 200, resolve: 200, note: 200, shelve: 200, unshelve: 409 };
const WATCH = { acknowledge: 200, assign: 403, resolve: 403, note: 200, shelve: 200, unshelve: 409 };
const NONE = { acknowledge: 403, assign: 403, resolve: 403, note: 403, shelve: 403, unshelve: 403 };
/** What each role may do, by venue: the product's rules written out once more, as a table. */
const EXPECTED: Record<Role, Record<'own' | 'other', Record<AlertAction, number>>> = {
  // (Unshelving an alarm nobody shelved is a conflict: the person got past the permission check.)
  operator: { own: WATCH, other: WATCH },
  venue_manager: { own: WATCH, other: NONE },
  responder: { own: ALL, other: ALL },
  admin: { own: ALL, other: ALL },
};

let rt: FeedRuntime;
const cookies = new Map<Role, string>();
let n = 0;

function request(path: string, init: RequestInit & { cookie?: string; origin?: string | null } = {}): Request {
  const headers = new Headers(init.headers);
  headers.set('host', 'vcc.test');
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.origin !== null) headers.set('origin', init.origin ?? ORIGIN);
  // As the pages send their bodies (the API refuses anything but JSON: 415).
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Request(`${ORIGIN}${path}`, { ...init, headers });
}

async function freshAlert(venueId: string): Promise<AlertView> {
  n++;
  const a = await raiseCondition(
    rt.alerts.db,
    {
      source: `zone:${venueId}/gate-${n}`,
      type: 'zone_level_of_service',
      venueId,
      venueName: venueId,
      zoneId: `gate-${n}`,
      sensorId: null,
      severity: 'major',
      title: `Gate ${n}`,
    },
    Date.now(),
  );
  // A resolution needs the condition gone; the matrix is about who, not when.
  await rt.alerts.db.query('update alerts set cleared_at = now() where id = $1', [a!.id]);
  return a!;
}

function act(alertId: number, action: AlertAction, opts: { cookie?: string; origin?: string | null } = {}) {
  return alertActionPOST(
    request(`/api/alerts/${alertId}/actions`, {
      method: 'POST',
      body: JSON.stringify({
        action,
        requestId: `req-${n}-${Math.random().toString(36).slice(2)}`,
        note: 'checked',
        ...(action === 'shelve' ? { minutes: 30 } : {}),
      }),
      ...opts,
    }),
    { params: Promise.resolve({ alertId: String(alertId) }) },
  );
}

beforeAll(async () => {
  rt = await startFeedRuntime(testServerEnv());
  for (const [role, user] of Object.entries(USERS) as [Role, string][]) {
    const res = await loginPOST(
      request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: user, password: 'games-2023' }) }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    cookies.set(role, cookie.split(';')[0]!);
  }
});

afterAll(async () => {
  await rt.close();
});

describe('alert actions: every role x every action x own or other venue', () => {
  for (const role of Object.keys(USERS) as Role[]) {
    for (const where of ['own', 'other'] as const) {
      for (const action of ALERT_ACTIONS) {
        const expected = EXPECTED[role][where][action];
        it(`${role} ${action} at ${where} venue: ${expected}`, async () => {
          const alert = await freshAlert(where === 'own' ? OWN : OTHER);
          const res = await act(alert.id, action, { cookie: cookies.get(role)! });
          expect(res.status).toBe(expected);
        });
      }
    }
  }
});

describe('shelving and out of service at the door', () => {
  it('a shelf longer than the rules allow, or without a reason, is refused', async () => {
    const alert = await freshAlert(OWN);
    const cookie = cookies.get('operator')!;
    const shelve = (body: object) =>
      alertActionPOST(
        request(`/api/alerts/${alert.id}/actions`, {
          method: 'POST',
          cookie,
          body: JSON.stringify({
            action: 'shelve',
            requestId: `shelf-${Math.random().toString(36).slice(2)}`,
            ...body,
          }),
        }),
        { params: Promise.resolve({ alertId: String(alert.id) }) },
      );
    expect((await shelve({ minutes: rt.alerts.rules.shelving.maxMinutes + 1, note: 'long' })).status).toBe(400);
    expect((await shelve({ minutes: 30 })).status).toBe(400);
    expect((await shelve({ minutes: 30, note: 'crew on it' })).status).toBe(200);
    const listed = await (await shelvesGET(request('/api/shelves', { cookie }))).json();
    expect(listed.shelves).toContainEqual(
      expect.objectContaining({ kind: 'shelved', source: alert.source, reason: 'crew on it', by: 'Chen Wei' }),
    );
  });

  it('only an admin takes a source out of service, and returns it', async () => {
    const source = `sensor:${OWN}/temp-maintenance-${n++}`;
    const post = (role: Role, origin?: string | null) =>
      outOfServicePOST(
        request('/api/out-of-service', {
          method: 'POST',
          cookie: cookies.get(role)!,
          origin,
          body: JSON.stringify({ source, reason: 'sensor being replaced' }),
        }),
      );
    for (const role of ['operator', 'venue_manager', 'responder'] as const) expect((await post(role)).status).toBe(403);
    // Even an admin's session is refused from another site, or with no Origin at all.
    expect((await post('admin', 'https://evil.example')).status).toBe(403);
    expect((await post('admin', null)).status).toBe(403);
    expect(
      (await (await shelvesGET(request('/api/shelves', { cookie: cookies.get('admin')! }))).json()).shelves,
    ).not.toContainEqual(expect.objectContaining({ source }));
    const taken = await post('admin');
    expect(taken.status).toBe(201);
    expect((await post('admin')).status).toBe(409);
    const { shelf } = (await taken.json()) as { shelf: { id: number } };
    const back = (role: Role, origin?: string | null) =>
      returnToServicePOST(
        request(`/api/out-of-service/${shelf.id}/return`, { method: 'POST', cookie: cookies.get(role)!, origin }),
        { params: Promise.resolve({ shelfId: String(shelf.id) }) },
      );
    expect((await back('operator')).status).toBe(403);
    expect((await back('admin', 'https://evil.example')).status).toBe(403);
    expect((await back('admin')).status).toBe(200);
    expect((await back('admin')).status).toBe(409);
  });
});

describe('requests that never reach the data', () => {
  it('a forged or missing Origin is refused before anything happens', async () => {
    const alert = await freshAlert(OWN);
    const cookie = cookies.get('admin')!;
    expect((await act(alert.id, 'acknowledge', { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await act(alert.id, 'acknowledge', { cookie, origin: null })).status).toBe(403);
    const login = await loginPOST(
      request('/api/auth/login', {
        method: 'POST',
        origin: 'https://evil.example',
        body: JSON.stringify({ username: 'admin', password: 'games-2023' }),
      }),
    );
    expect(login.status).toBe(403);
    const after = await alertGET(request(`/api/alerts/${alert.id}`, { cookie }), {
      params: Promise.resolve({ alertId: String(alert.id) }),
    });
    expect(((await after.json()) as { alert: AlertView }).alert.status).toBe('open');
  });

  it('no session, or a made-up one: 401', async () => {
    const alert = await freshAlert(OWN);
    expect((await act(alert.id, 'acknowledge')).status).toBe(401);
    expect((await act(alert.id, 'acknowledge', { cookie: 'vcc_session=made-up' })).status).toBe(401);
    expect((await alertsGET(request('/api/alerts'))).status).toBe(401);
    expect((await streamGET(request('/api/stream'))).status).toBe(401);
    expect((await cityTrendChartGET(request('/api/charts/city-trend?w=900&h=300&lang=en'))).status).toBe(401);
  });

  it('a wrong password is refused, and so is guessing past the limit', async () => {
    const attempt = () =>
      loginPOST(
        request('/api/auth/login', {
          method: 'POST',
          headers: { 'x-forwarded-for': '198.51.100.7' },
          body: JSON.stringify({ username: 'operator', password: 'guess' }),
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe("the city wall's last-hour chart", () => {
  it('is drawn for the city wall as SVG at the size and in the language asked; anything else is refused', async () => {
    const cookie = cookies.get('operator')!;
    const chart = (query: string) => cityTrendChartGET(request(`/api/charts/city-trend?${query}`, { cookie }));
    const drawn = await chart('w=640&h=240&lang=zh');
    expect(drawn.status).toBe(200);
    expect(drawn.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await drawn.text();
    expect(svg).toMatch(/^<svg [^>]*width="640" height="240"/);
    expect(svg).toContain('场内人数');
    for (const bad of ['w=90&h=240&lang=en', 'w=640&h=99999&lang=en', 'w=6.5e2&h=240&lang=en', 'w=640&h=240&lang=xx'])
      expect((await chart(bad)).status, bad).toBe(400);
    expect((await chart('w=640&h=240&lang=en&to=soon')).status).toBe(400);
  });
});

describe('the users list (for handing alerts to people)', () => {
  it('is for admins only, and carries no password hashes', async () => {
    const admin = await usersGET(request('/api/users', { cookie: cookies.get('admin')! }));
    expect(admin.status).toBe(200);
    const text = await admin.text();
    expect(text).toContain('Zhang Min');
    expect(text).not.toContain('scrypt');
    for (const role of ['operator', 'venue_manager', 'responder'] as const) {
      expect((await usersGET(request('/api/users', { cookie: cookies.get(role)! }))).status).toBe(403);
    }
  });

  it('an admin hands an alert to a responder; the trail says to whom', async () => {
    const alert = await freshAlert(OTHER);
    const res = await alertActionPOST(
      request(`/api/alerts/${alert.id}/actions`, {
        method: 'POST',
        cookie: cookies.get('admin')!,
        body: JSON.stringify({ action: 'assign', requestId: `assign-${alert.id}-x`, assignee: 'responder2' }),
      }),
      { params: Promise.resolve({ alertId: String(alert.id) }) },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { alert: AlertView }).alert.assignee).toBe('Zhang Min');
  });
});

describe("a venue manager's reads stay in their venue", () => {
  it('stream: their venue yes; another venue or the city wall no; the alerts scope only theirs', async () => {
    const cookie = cookies.get('venue_manager')!;
    const own = await streamGET(request(`/api/stream?venue=${OWN}`, { cookie }));
    expect(own.status).toBe(200);
    await own.body?.cancel();
    expect((await streamGET(request(`/api/stream?venue=${OTHER}`, { cookie }))).status).toBe(403);
    expect((await streamGET(request('/api/stream', { cookie }))).status).toBe(403);
    // The city's last hour is the city wall's too.
    expect((await cityTrendChartGET(request('/api/charts/city-trend?w=900&h=300&lang=en', { cookie }))).status).toBe(
      403,
    );
    expect(
      (
        await sensorSparklinesGET(request(`/api/venues/${OTHER}/sparklines`, { cookie }), {
          params: Promise.resolve({ venueId: OTHER }),
        })
      ).status,
    ).toBe(403);
  });

  it('alerts: the list holds only theirs; another venue’s alert is as absent as a missing one', async () => {
    const cookie = cookies.get('venue_manager')!;
    const other = await freshAlert(OTHER);
    await freshAlert(OWN);
    // The board hears of new alerts through the database's notification.
    await expect.poll(() => rt.alerts.board.alerts.has(other.id)).toBe(true);
    const list = ((await (await alertsGET(request('/api/alerts', { cookie }))).json()) as { alerts: AlertView[] })
      .alerts;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a) => a.venueId === OWN)).toBe(true);
    const detail = await alertGET(request(`/api/alerts/${other.id}`, { cookie }), {
      params: Promise.resolve({ alertId: String(other.id) }),
    });
    expect(detail.status).toBe(404);
    const operatorList = (
      (await (await alertsGET(request('/api/alerts', { cookie: cookies.get('operator')! }))).json()) as {
        alerts: AlertView[];
      }
    ).alerts;
    expect(operatorList.some((a) => a.venueId === OTHER)).toBe(true);
  });
});
