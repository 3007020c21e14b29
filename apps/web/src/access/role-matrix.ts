// Who may open which part of the portal. Navigation, pages, route handlers and the proxy all read
// this one table, so what a role is shown and what it is allowed cannot drift apart.
// It must stay free of node-only imports: the proxy loads it, and so may client components.
import type { Role } from '@visioncad/db/roles';

export type { Role };

/** A top-level part of the portal with its own page and API prefix. */
export interface Section {
  id: SectionId;
  label: string;
  /** The page's path; everything below it belongs to the section too. */
  path: string;
  /** API routes under this prefix carry the same permission as the page. */
  apiPrefix: string | null;
  /** Roles allowed in; 'public' means anyone, signed in or not. */
  access: readonly Role[] | 'public';
}

export type SectionId = 'cases' | 'analytics' | 'models' | 'demo' | 'admin';

/** The role matrix, in navigation order. */
export const SECTIONS: readonly Section[] = [
  { id: 'cases', label: 'Cases', path: '/cases', apiPrefix: '/api/cases', access: ['CLINICIAN'] },
  {
    id: 'analytics',
    label: 'Analytics',
    path: '/analytics',
    apiPrefix: '/api/analytics',
    access: ['ANALYST', 'ADMIN'],
  },
  { id: 'models', label: 'Models', path: '/models', apiPrefix: '/api/models', access: ['ANALYST', 'ADMIN'] },
  { id: 'demo', label: 'Demo', path: '/demo', apiPrefix: null, access: 'public' },
  { id: 'admin', label: 'Admin', path: '/admin', apiPrefix: '/api/admin', access: ['ADMIN'] },
];

/** The section with the given id. */
export function getSection(id: SectionId): Section {
  const section = SECTIONS.find((candidate) => candidate.id === id);
  if (!section) throw new Error(`Unknown portal section "${id}"`);
  return section;
}

/** Whether a user with this role (null when signed out) may open the section. */
export function canAccess(role: Role | null, section: Section): boolean {
  if (section.access === 'public') return true;
  return role !== null && section.access.includes(role);
}

/** Whether the section needs a signed-in user at all. */
export function requiresSignIn(section: Section): boolean {
  return section.access !== 'public';
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** The section a page or API path belongs to, or null when the matrix does not govern it. */
export function sectionForPath(pathname: string): Section | null {
  return (
    SECTIONS.find(
      (section) =>
        isUnder(pathname, section.path) ||
        (section.apiPrefix !== null && isUnder(pathname, section.apiPrefix)),
    ) ?? null
  );
}

/** The sections to show in the navigation for this role (null when signed out). */
export function navigationFor(role: Role | null): Section[] {
  return SECTIONS.filter((section) => canAccess(role, section));
}

/** Where a user lands after signing in when no other page was asked for. */
export function homePathFor(role: Role): string {
  const first = SECTIONS.find((section) => section.access !== 'public' && canAccess(role, section));
  return first?.path ?? getSection('demo').path;
}
