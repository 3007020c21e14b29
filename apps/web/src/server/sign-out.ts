import 'server-only';
import { NextResponse } from 'next/server';
import { getSessionUser, recordAudit, revokeSession } from '@visioncad/db';
import { clientInfo } from './client-info';
import { jsonError, seeOther } from './responses';
import { isSameOrigin } from './same-origin';
import { SESSION_COOKIE } from './session-cookie';

function wantsPage(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

/**
 * POST /api/auth/sign-out: ends the session server-side, records 'auth.sign-out' and clears the
 * cookie. A form post lands on the sign-in page; other callers get `{ ok: true }`.
 */
export async function handleSignOut(request: Request, token: string | undefined): Promise<NextResponse> {
  if (!isSameOrigin(request)) return jsonError(403, 'Sign-out was sent from another site and was refused.');
  const session = token ? await getSessionUser(token) : null;
  if (token && session) {
    await revokeSession(token);
    await recordAudit({
      actorId: session.user.id,
      actorEmail: session.user.email,
      action: 'auth.sign-out',
      targetType: 'Session',
      targetId: session.sessionId,
      ip: clientInfo(request).ip,
    });
  }
  const response = wantsPage(request) ? seeOther('/sign-in?signedOut=1') : NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
