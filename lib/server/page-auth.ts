/**
 * Sign-in and permissions for pages (server components): the session behind the cookie,
 * checked against the database, and where each kind of user belongs.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { SessionUser } from '../contracts/alerts';
import { canViewVenue, homeOf } from '../auth/permissions';
import { SESSION_COOKIE, sessionUser } from '../auth/sessions';
import { awaitFeedRuntime } from './feed-runtime';
import { PAGE_PATH_HEADER } from './page-path';

/** A page asked for as the server boots waits this long for it; then it says "starting" instead. */
const START_WAIT_MS = 8_000;

/**
 * The signed-in user, if any. Sessions are in the database: while it is not there yet (a server
 * starting, a PostgreSQL away at boot) the page goes to /starting, which comes back once it is.
 */
export async function optionalPageUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const rt = await awaitFeedRuntime(START_WAIT_MS);
  if (!rt) {
    const back = (await headers()).get(PAGE_PATH_HEADER) ?? '/';
    redirect(`/starting?next=${encodeURIComponent(back)}`);
  }
  return sessionUser(rt.alerts.db, rt.alerts.users, token, Date.now());
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function pageUser(): Promise<SessionUser> {
  const user = await optionalPageUser();
  if (!user) redirect('/login');
  return user;
}

/** A venue's pages are for those who may see the venue; anyone else is sent home. */
export async function venuePageUser(venueId: string): Promise<SessionUser> {
  const user = await pageUser();
  if (!canViewVenue(user, venueId)) redirect(homeOf(user));
  return user;
}
