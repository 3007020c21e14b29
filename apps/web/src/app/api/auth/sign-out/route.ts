import type { NextRequest } from 'next/server';
import { SESSION_COOKIE } from '../../../../server/session-cookie';
import { handleSignOut } from '../../../../server/sign-out';

/** Ends the caller's session. */
export async function POST(request: NextRequest) {
  return handleSignOut(request, request.cookies.get(SESSION_COOKIE)?.value);
}
