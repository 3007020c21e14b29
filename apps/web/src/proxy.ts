import { NextResponse, type NextRequest } from 'next/server';
import { requiresSignIn, sectionForPath } from './access/role-matrix';
import { signInRequired } from './server/responses';
import { SESSION_COOKIE } from './server/session-cookie';

// An early exit only: requests without any session cookie never reach a protected page or API.
// Whether the session is valid and the role allowed is decided at each page and route entry.

/** Redirects anonymous page visits to sign-in and answers anonymous protected API calls with 401. */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const section = sectionForPath(pathname);
  if (!section || !requiresSignIn(section) || request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  if (pathname.startsWith('/api/')) return signInRequired();
  const signIn = new URL('/sign-in', request.url);
  signIn.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(signIn, 307);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
