/**
 * Sessions in the database, so they survive restarts and every web instance knows them.
 * The browser holds a random token in an httpOnly, SameSite cookie; the server keeps only
 * its SHA-256.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../contracts/alerts';
import type { Queryable } from '../db/database';
import { publicUser, type UserRecord } from './users';

export { SESSION_COOKIE } from './session-cookie';
/** A shift and a half: long enough for a wall's day, short enough to expire a lost phone. */
export const SESSION_TTL_MS = 18 * 3600_000;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(db: Queryable, userId: string, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
    digest(token),
    userId,
    new Date(now),
    new Date(now + SESSION_TTL_MS),
  ]);
  // Expired sessions go when someone signs in: no timer needed.
  await db.query('delete from sessions where expires_at < $1', [new Date(now)]);
  return token;
}

/** The user behind a session token, if the session is live and the user still exists. */
export async function sessionUser(
  db: Queryable,
  users: Map<string, UserRecord>,
  token: string | undefined,
  now: number,
): Promise<SessionUser | null> {
  // Tokens are 43 base64url characters; anything else cannot be one and costs no query.
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const { rows } = await db.query<{ user_id: string }>(
    'select user_id from sessions where token_hash = $1 and expires_at > $2',
    [digest(token), new Date(now)],
  );
  const user = rows[0] && users.get(rows[0].user_id);
  return user ? publicUser(user) : null;
}

export async function endSession(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('delete from sessions where token_hash = $1', [digest(token)]);
}

/** A cookie's value; a malformed one (bad percent-encoding) is no cookie: "no session", never an error. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
