/**
 * For pages only. A Content-Security-Policy with a fresh nonce for each page (Next reads it
 * from the request and puts the nonce on its own scripts). An optimistic first check: no
 * session cookie at all goes to the sign-in page, remembering where it was going (the real
 * checks, a live session and the venue's permission, happen where the data is). And
 * `?lang=`: the language for this request, kept in a cookie so it persists (a wall's URL
 * names its language).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { PAGE_PATH_HEADER } from '@/lib/server/page-path';
import { isLocale, LOCALE_COOKIE, LOCALE_PARAM } from '@/lib/i18n/locales';
import { pageContentSecurityPolicy, tileOrigin } from '@/lib/server/security-headers';

const LOCALE_HEADER = 'x-vcc-lang';
const CSP = 'Content-Security-Policy';
const YEAR_S = 365 * 24 * 3600;
/** A site tile server (BASEMAP_URL, docs/wall.md) is the one other origin a page may load from. */
const TILES = tileOrigin(process.env.BASEMAP_URL?.trim());

export function proxy(request: NextRequest) {
  const { pathname, search, searchParams } = request.nextUrl;
  const csp = pageContentSecurityPolicy(btoa(crypto.randomUUID()), TILES);
  if (pathname !== '/login' && pathname !== '/starting' && !request.cookies.has(SESSION_COOKIE)) {
    const login = new URL('/login', request.url);
    const next = pathname + search;
    if (next !== '/') login.searchParams.set('next', next);
    const lang = searchParams.get(LOCALE_PARAM);
    if (isLocale(lang)) login.searchParams.set(LOCALE_PARAM, lang);
    const redirect = NextResponse.redirect(login);
    redirect.headers.set(CSP, csp);
    return redirect;
  }
  const headers = new Headers(request.headers);
  headers.set(CSP, csp);
  headers.set(PAGE_PATH_HEADER, pathname + search);
  const lang = searchParams.get(LOCALE_PARAM);
  if (isLocale(lang)) headers.set(LOCALE_HEADER, lang);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CSP, csp);
  if (isLocale(lang)) response.cookies.set(LOCALE_COOKIE, lang, { path: '/', maxAge: YEAR_S, sameSite: 'lax' });
  return response;
}

export const config = {
  // Pages only: API routes answer 401 themselves; static files are open.
  matcher: ['/((?!api/|_next/|icon.svg|geo/|sounds/|favicon.ico).*)'],
};
