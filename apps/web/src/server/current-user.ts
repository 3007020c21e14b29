import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { getSessionUser } from '@visioncad/db';
import { SESSION_COOKIE } from './session-cookie';

/** The signed-in user as pages and route handlers see it. */
export type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionUser>>>['user'];

/** The user behind this request's session cookie, or null. Looked up once per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const session = await getSessionUser(token);
  return session?.user ?? null;
});
