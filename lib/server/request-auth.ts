/**
 * Who is asking, and may they: the session behind a request's cookie, the same-origin check
 * every state-changing request passes (CSRF), and the per-user and per-address rate limits.
 * Route handlers call these; the data layer (alert-repository) checks permissions again.
 */
import 'server-only';
import type { SessionUser } from '../contracts/alerts';
import { RateLimiter } from '../auth/rate-limit';
import { readCookie, SESSION_COOKIE, SESSION_TTL_MS, sessionUser } from '../auth/sessions';
import type { FeedRuntime } from './feed-runtime';

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

export async function requestUser(rt: FeedRuntime, request: Request): Promise<SessionUser | null> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  return sessionUser(rt.alerts.db, rt.alerts.users, token, Date.now());
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

export function sessionCookie(token: string, request: Request): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

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
