/**
 * Sign-in and permissions for pages (server components): the session behind the cookie,
 * checked against the database, and where each kind of user belongs.
 */
import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { SessionUser } from '../contracts/alerts';
import { canViewVenue, homeOf } from '../auth/permissions';
import { SESSION_COOKIE, sessionUser } from '../auth/sessions';
import { getFeedRuntime } from './feed-runtime';

/** The signed-in user, if any. */
export async function optionalPageUser(): Promise<SessionUser | null> {
  const rt = await getFeedRuntime();
  if (!rt) throw new Error('server is starting');
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
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
