import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { canAccess, getSection, requiresSignIn, type SectionId } from '../access/role-matrix';
import { getCurrentUser, type PortalUser } from './current-user';

/** The sign-in page's URL that comes back to `returnTo` afterwards. */
export function signInUrl(returnTo: string): string {
  return `/sign-in?${new URLSearchParams({ next: returnTo })}`;
}

/**
 * Gate for a page entry: sends anonymous visitors to sign in (coming back to `returnTo`) and
 * renders the 403 page for signed-in users whose role the matrix does not allow.
 */
export async function requirePageAccess(sectionId: SectionId, returnTo?: string): Promise<PortalUser> {
  const section = getSection(sectionId);
  if (!requiresSignIn(section)) {
    throw new Error(`Section "${sectionId}" is public; pages in it must not demand a signed-in user`);
  }
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl(returnTo ?? section.path));
  if (!canAccess(user.role, section)) forbidden();
  return user;
}
