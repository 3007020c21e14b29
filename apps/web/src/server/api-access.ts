import 'server-only';
import { canAccess, getSection, type SectionId } from '../access/role-matrix';
import { getCurrentUser, type PortalUser } from './current-user';
import { jsonError, signInRequired } from './responses';

/** The outcome of an API permission check: the user, or the 401/403 response to send instead. */
export type ApiAccess = { ok: true; user: PortalUser } | { ok: false; response: Response };

/**
 * Gate for a route handler entry: 401 for anonymous callers, 403 when the matrix does not give
 * the caller's role the section. 'signed-in' admits any signed-in user.
 */
export async function authorizeApi(sectionId: SectionId | 'signed-in'): Promise<ApiAccess> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: signInRequired() };
  if (sectionId !== 'signed-in') {
    const section = getSection(sectionId);
    if (!canAccess(user.role, section)) {
      return {
        ok: false,
        response: jsonError(403, `Role ${user.role} may not use the ${section.label} API.`),
      };
    }
  }
  return { ok: true, user };
}
