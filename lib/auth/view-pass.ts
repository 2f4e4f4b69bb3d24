/**
 * The view pass: a signed, view-only companion of the session cookie, so screens show the live
 * picture while the database (where sessions live) is not attached yet or not answering. It names
 * the user and an expiry, is bound to the session token beside it (one cookie alone is no pass),
 * and is honoured only while the session cannot be checked: the database is authoritative whenever
 * it answers. Nothing is changed through a pass; every action needs the session itself.
 * The trade-off against server-side revocation (ASVS 3.3.1) is in docs/security.md.
 */
import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const VIEW_PASS_COOKIE = 'vcc_view';

/** The secret's file in an embedded DATA_DIR, made on first start (production sets SESSION_SECRET). */
export const SECRET_FILE = 'session-secret';

const sessionDigest = (sessionToken: string) => createHash('sha256').update(sessionToken).digest('base64url');

const sign = (secret: Buffer, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

/** `user.expires.mac`, the MAC over user, expiry and the session token's digest. */
export function issueViewPass(secret: Buffer, userId: string, sessionToken: string, expiresAt: number): string {
  const body = `${userId}.${expiresAt.toString(36)}`;
  return `${body}.${sign(secret, `${body}.${sessionDigest(sessionToken)}`)}`;
}

/** The user a pass names, if it is this server's, unexpired and made for this session token. */
export function readViewPass(
  secret: Buffer,
  pass: string | undefined,
  sessionToken: string | undefined,
  now: number,
): string | null {
  if (!pass || !sessionToken || pass.length > 200) return null;
  const m = /^([a-z0-9][a-z0-9-]{0,63})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(pass);
  if (!m) return null;
  const [, userId, expires, mac] = m as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${userId}.${expires}.${sessionDigest(sessionToken)}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return parseInt(expires, 36) > now ? userId : null;
}

/**
 * The key passes are signed with: SESSION_SECRET (every instance of a fleet the same), else the
 * embedded DATA_DIR's own file, else (an in-memory database) one for this process only.
 */
export function viewPassSecret(settings: {
  sessionSecret: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
}): { secret: Buffer; shared: boolean } {
  if (settings.sessionSecret) return { secret: Buffer.from(settings.sessionSecret, 'utf8'), shared: true };
  if (settings.databaseUrl || settings.dataDir.startsWith('memory://')) {
    return { secret: randomBytes(32), shared: false };
  }
  const file = join(settings.dataDir, SECRET_FILE);
  try {
    const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (stored.length >= 32) return { secret: stored, shared: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32);
  mkdirSync(settings.dataDir, { recursive: true });
  writeFileSync(file, `${secret.toString('base64url')}\n`, { mode: 0o600 });
  return { secret, shared: true };
}
