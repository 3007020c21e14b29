import 'server-only';
import { NextResponse } from 'next/server';
import { revokeSession } from '@visioncad/db';
import { jsonError, seeOther } from './responses';
import { isSameOrigin } from './same-origin';
import { SESSION_COOKIE } from './session-cookie';

function wantsPage(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

/**
 * POST /api/auth/sign-out: ends the session server-side and clears its cookie. A form post lands on
 * the sign-in page; other callers get `{ ok: true }`.
 */
export async function handleSignOut(request: Request, token: string | undefined): Promise<NextResponse> {
  if (!isSameOrigin(request)) return jsonError(403, 'Sign-out was sent from another site and was refused.');
  if (token) await revokeSession(token);
  const response = wantsPage(request) ? seeOther('/sign-in?signedOut=1') : NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
