/**
 * Sign-in and permissions for pages (server components): the session behind the cookie,
 * checked against the database, and where each kind of user belongs.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { SessionUser } from '../contracts/alerts';
import { canViewVenue, homeOf } from '../auth/permissions';
import { SESSION_COOKIE } from '../auth/sessions';
import { VIEW_PASS_COOKIE } from '../auth/view-pass';
import { getFeedRuntime, getLiveFeed } from './feed-runtime';
import { PAGE_PATH_HEADER } from './page-path';
import { viewerOf } from './request-auth';

/** A page asked for as the server boots waits this long for it; then it says "starting" instead. */
const START_WAIT_MS = 8_000;

/**
 * The signed-in user, if any. Sessions are in the database; while it is not attached yet (a server
 * starting, a PostgreSQL away at boot) the view pass beside the session cookie shows the live picture,
 * and a page without one goes to /starting, which comes back once the database is there.
 */
export async function optionalPageUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const pass = jar.get(VIEW_PASS_COOKIE)?.value;
  const giveUpAt = Date.now() + START_WAIT_MS;
  for (;;) {
    const live = getLiveFeed();
    const viewer = live ? await viewerOf(live, token, pass) : 'unchecked';
    if (viewer !== 'unchecked') return viewer?.user ?? null;
    // Started, but the database does not answer: /starting would send the page straight back.
    if (getFeedRuntime()) throw new Error('the database is not answering: sessions cannot be checked');
    if (Date.now() >= giveUpAt) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const back = (await headers()).get(PAGE_PATH_HEADER) ?? '/';
  redirect(`/starting?next=${encodeURIComponent(back)}`);
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function pageUser(): Promise<SessionUser> {
  const user = await optionalPageUser();
  if (!user) redirect('/login');
  return user;
}

/**
 * A venue's pages are for those who may see the venue; anyone else is sent home, and told why there
 * (`?notYours=`): a manager who followed a colleague's link must not think it showed that venue.
 */
export async function venuePageUser(venueId: string): Promise<SessionUser> {
  const user = await pageUser();
  if (!canViewVenue(user, venueId)) redirect(`${homeOf(user)}?notYours=${encodeURIComponent(venueId)}`);
  return user;
}
