/** Sign-in, sign-out and "who am I": the logic behind app/api/auth/*. */
import 'server-only';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { verifyPassword } from '../auth/passwords';
import { LoginBody } from '../contracts/http.schema';
import { createSession, endSession, readCookie, SESSION_COOKIE } from '../auth/sessions';
import { publicUser } from '../auth/users';
import { answeringDatabaseTrouble } from './database-trouble';
import { getFeedRuntime, getLiveFeed } from './feed-runtime';
import {
  clearedSessionCookies,
  clientAddress,
  forgedOrigin,
  json,
  requestUser,
  requestViewer,
  sameOrigin,
  sessionCookies,
  sessionUnchecked,
  signInFirst,
  tooMany,
} from './request-auth';
import { readJsonBody } from './http-body';

const loginBody = TypeCompiler.Compile(LoginBody);

const notStarted = () => json({ error: 'server starting' }, 503, { 'Retry-After': '1' });

async function handleLoginPOST(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  if (!sameOrigin(request, rt.env.trustProxy)) return forgedOrigin();
  const body = await readJsonBody(request, loginBody);
  if (body instanceof Response) return body;
  const username = body.username.trim().toLowerCase();
  const address = clientAddress(request);
  const now = Date.now();
  const wait = await rt.alerts.signInLimits.wait(address, username, now);
  if (wait > 0) return tooMany(wait);
  const user = rt.alerts.users.get(username);
  // Unknown names cost the same as wrong passwords, and get the same answer.
  const ok = verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH) && user !== undefined;
  if (!ok) {
    await rt.alerts.signInLimits.failed(address, username, now);
    console.warn(`[auth] failed sign-in for '${username.slice(0, 64)}' from ${address}`);
    return json({ error: 'wrong user name or password' }, 401);
  }
  await rt.alerts.signInLimits.succeeded(address, username);
  const signedInAt = Date.now();
  const token = await createSession(rt.alerts.db, user.id, signedInAt);
  console.log(`[auth] ${user.id} (${user.role}) signed in`);
  return json({ user: publicUser(user) }, 200, sessionCookies(rt, user.id, token, request, signedInAt));
}

async function handleLogoutPOST(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  if (!sameOrigin(request, rt.env.trustProxy)) return forgedOrigin();
  await endSession(rt.alerts.db, readCookie(request.headers.get('cookie'), SESSION_COOKIE));
  return json({ ok: true }, 200, clearedSessionCookies());
}

/** Who is signed in; `viewOnly` while the session cannot be checked (a view pass: lib/auth/view-pass.ts). */
export async function meGET(request: Request): Promise<Response> {
  const live = getLiveFeed();
  if (!live) return notStarted();
  const viewer = await requestViewer(live, request);
  if (viewer === 'unchecked') return sessionUnchecked();
  return viewer ? json({ user: viewer.user, viewOnly: viewer.viewPass }) : signInFirst();
}

/** A valid hash of nothing anyone types, so an unknown user name takes as long as a known one. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** GET /api/users: who may be assigned an alert (admins hand alerts to people). */
export async function usersGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  if (user.role !== 'admin') return json({ error: 'only an admin lists the users' }, 403);
  return json({ users: [...rt.alerts.users.values()].map(publicUser) });
}

// The database away: a clear 503 rather than a hang or a bare 500 (database-trouble.ts).
export const loginPOST = answeringDatabaseTrouble(handleLoginPOST);
export const logoutPOST = answeringDatabaseTrouble(handleLogoutPOST);
