/**
 * Who is asking, and may they: the session behind a request's cookie, the same-origin check
 * every state-changing request passes (CSRF), and the per-user and per-address rate limits.
 * Route handlers call these; the data layer (alert-repository) checks permissions again.
 */
import 'server-only';
import type { SessionUser } from '../contracts/alerts';
import { RateLimiter } from '../auth/rate-limit';
import { readCookie, SESSION_COOKIE, SESSION_TTL_MS, sessionUser } from '../auth/sessions';
import { publicUser } from '../auth/users';
import { issueViewPass, readViewPass, VIEW_PASS_COOKIE } from '../auth/view-pass';
import { isDatabaseLinkError } from '../db/database';
import type { FeedRuntime, LiveFeed } from './feed-runtime';

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set('Cache-Control', 'no-store');
  return Response.json(body, { status, headers: all });
}

export async function requestUser(rt: FeedRuntime, request: Request): Promise<SessionUser | null> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  return sessionUser(rt.alerts.db, rt.alerts.users, token, Date.now());
}

/** Someone allowed to look: by their session, or (`viewPass`) by a view pass while the session cannot be checked. */
export interface Viewer {
  user: SessionUser;
  viewPass: boolean;
}

/**
 * Who may look at the live picture (streams, the last hour's charts, pages). The database decides
 * whenever it answers: a session it no longer has is no one (null), whatever pass comes with it.
 * While it is not attached yet or not answering, a view pass made for this session token lets its
 * user look; without one the answer is 'unchecked' (not "signed out": the session may well be live).
 */
export async function viewerOf(
  live: LiveFeed,
  token: string | undefined,
  pass: string | undefined,
  now = Date.now(),
): Promise<Viewer | null | 'unchecked'> {
  if (!token) return null;
  const alerts = (live as Partial<FeedRuntime>).alerts;
  if (alerts) {
    try {
      const user = await sessionUser(alerts.db, live.users, token, now);
      return user ? { user, viewPass: false } : null;
    } catch (err) {
      if (!isDatabaseLinkError(err)) throw err;
    }
  }
  const userId = readViewPass(live.viewPassSecret, pass, token, now);
  const record = userId === null ? undefined : live.users.get(userId);
  return record ? { user: publicUser(record), viewPass: true } : 'unchecked';
}

export function requestViewer(live: LiveFeed, request: Request): Promise<Viewer | null | 'unchecked'> {
  const cookie = request.headers.get('cookie');
  return viewerOf(live, readCookie(cookie, SESSION_COOKIE), readCookie(cookie, VIEW_PASS_COOKIE));
}

/**
 * A state-changing request must come from a page of this site: its Origin names this host.
 * (SameSite cookies already stop most cross-site posts; this stops the rest, and any request
 * with no Origin at all.) The host is the proxy's X-Forwarded-Host only behind a trusted proxy.
 */
export function sameOrigin(request: Request, trustProxy: number): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const forwarded = trustProxy > 0 ? request.headers.get('x-forwarded-host') : null;
  const host = forwarded ?? request.headers.get('host');
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const forgedOrigin = () => json({ error: 'cross-origin request refused' }, 403);
export const signInFirst = () => json({ error: 'sign in first' }, 401);
/** A session that cannot be checked yet (the database not attached or not answering) and no view pass. */
export const sessionUnchecked = () =>
  json({ error: 'the server cannot check sessions yet (its database is starting): try again shortly' }, 503, {
    'Retry-After': '2',
  });

function cookie(name: string, value: string, request: Request): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The session cookie and its view pass (same lifetime), to set at sign-in. */
export function sessionCookies(live: LiveFeed, userId: string, token: string, request: Request, now: number): Headers {
  const headers = new Headers();
  headers.append('Set-Cookie', cookie(SESSION_COOKIE, token, request));
  const pass = issueViewPass(live.viewPassSecret, userId, token, now + SESSION_TTL_MS);
  headers.append('Set-Cookie', cookie(VIEW_PASS_COOKIE, pass, request));
  return headers;
}

export function clearedSessionCookies(): Headers {
  const headers = new Headers();
  for (const name of [SESSION_COOKIE, VIEW_PASS_COOKIE]) {
    headers.append('Set-Cookie', `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  }
  return headers;
}

/**
 * The client's address: the edge (scripts/serve.ts) has already reduced X-Forwarded-For to
 * the one address it believes (lib/server/client-address), from the socket or TRUST_PROXY hops.
 */
export function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}

/** Alert actions per person: far above what a hand does, far below a runaway script. */
export const actionLimiter = new RateLimiter(120, 60_000);

export const tooMany = (waitMs: number) =>
  json({ error: 'too many requests; try again shortly' }, 429, { 'Retry-After': String(Math.ceil(waitMs / 1000)) });
