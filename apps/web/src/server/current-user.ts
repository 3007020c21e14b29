import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { getSessionUser, type SessionUser } from '@visioncad/db';
import { SESSION_COOKIE } from './session-cookie';

/** The signed-in user as pages and route handlers see it: id, email, name, role. */
export type PortalUser = SessionUser['user'];

/** The user behind this request's session cookie, or null. Looked up once per request. */
export const getCurrentUser = cache(async (): Promise<PortalUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return (await getSessionUser(token))?.user ?? null;
});
