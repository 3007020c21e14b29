import 'server-only';
import { headers } from 'next/headers';
import type { Actor } from './actor';
import type { PortalUser } from './current-user';

/** The page's user as the audit log records them, with the request's address. */
export async function pageActor(user: PortalUser): Promise<Actor> {
  const requestHeaders = await headers();
  const ip =
    requestHeaders.get('x-forwarded-for')?.split(',')[0].trim() || requestHeaders.get('x-real-ip') || null;
  return { id: user.id, email: user.email, ip };
}
