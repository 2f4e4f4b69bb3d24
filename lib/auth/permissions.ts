/**
 * Who may do what, decided in one place and checked where the data is read or changed
 * (stream, API, pages), never only at the edge.
 *
 * - operator: sees every venue; may acknowledge and add notes.
 * - venue manager: sees only their venues, everywhere; may acknowledge and add notes there.
 * - responder: sees every venue; acknowledges, assigns alerts to themselves, resolves, adds notes.
 * - admin: everything, including assigning an alert to someone else and taking a source out of service.
 * - everyone who may act on an alert may shelve it for a while, with a reason (ISA-18.2).
 */
import type { AlertAction, SessionUser } from '../contracts/alerts';

export function canViewVenue(user: SessionUser, venueId: string | null): boolean {
  if (user.venues === null) return true;
  // City-level alerts (the whole feed) are for those who see the whole city.
  return venueId !== null && user.venues.includes(venueId);
}

/** The city wall shows every venue: not for someone limited to some. */
export function canViewCity(user: SessionUser): boolean {
  return user.venues === null;
}

const ACTIONS: Record<SessionUser['role'], readonly AlertAction[]> = {
  operator: ['acknowledge', 'note', 'shelve', 'unshelve'],
  venue_manager: ['acknowledge', 'note', 'shelve', 'unshelve'],
  responder: ['acknowledge', 'assign', 'resolve', 'note', 'shelve', 'unshelve'],
  admin: ['acknowledge', 'assign', 'resolve', 'note', 'shelve', 'unshelve'],
};

/** Taking a source out of service (maintenance) silences every alarm of it: an admin's call. */
export function mayTakeOutOfService(user: SessionUser): boolean {
  return user.role === 'admin';
}

export function allowedActions(user: SessionUser): readonly AlertAction[] {
  return ACTIONS[user.role];
}

/** null when allowed, else the reason (for a 403). */
export function whyNot(
  user: SessionUser,
  action: AlertAction,
  venueId: string | null,
  assignee?: string,
): string | null {
  if (!canViewVenue(user, venueId)) return 'this alert belongs to a venue you are not responsible for';
  if (!ACTIONS[user.role].includes(action)) return `a ${user.role.replace('_', ' ')} may not ${action} alerts`;
  if (action === 'assign' && assignee !== undefined && assignee !== user.id && user.role !== 'admin') {
    return 'only an admin may assign an alert to someone else';
  }
  return null;
}

/** Where a user lands after signing in: a responder on the alerts, a venue manager on their venue. */
export function homeOf(user: SessionUser): string {
  if (user.role === 'responder') return '/alerts';
  if (user.venues !== null) return user.venues[0] ? `/venues/${user.venues[0]}` : '/alerts';
  return '/';
}

const SAME_SITE = 'http://vcc.invalid';
/** Control characters and backslashes: browsers drop or turn them into `/`, making `//host`. */
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f\\]/;

/**
 * A `next` parameter is followed only to a path of this site: it must resolve, as a URL
 * relative to this origin, to this origin; control characters and backslashes are refused
 * raw or percent-encoded. Returns the normalised path (ASCII, percent-encoded), else null.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || next.length > 2048 || !next.startsWith('/') || UNSAFE_IN_PATH.test(next)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return null;
  }
  if (UNSAFE_IN_PATH.test(decoded) || decoded.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(next, SAME_SITE);
  } catch {
    return null;
  }
  if (url.origin !== SAME_SITE) return null;
  return url.pathname + url.search + url.hash;
}
