/**
 * An optimistic first check for pages only: no session cookie at all goes to the sign-in page,
 * remembering where it was going. The real checks (a live session, the venue's permission)
 * happen where the data is: in the pages' layout and in every API route.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';

export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const login = new URL('/login', request.url);
  const next = request.nextUrl.pathname + request.nextUrl.search;
  if (next !== '/') login.searchParams.set('next', next);
  return NextResponse.redirect(login);
}

export const config = {
  // Pages only: API routes answer 401 themselves; the sign-in page and static files are open.
  matcher: ['/((?!api/|login|_next/|icon.svg|geo/|sounds/|favicon.ico).*)'],
};
