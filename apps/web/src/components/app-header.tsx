import Link from 'next/link';
import { navigationFor } from '../access/role-matrix';
import type { PortalUser } from '../server/current-user';
import { NavLink } from './nav-link';
import { RoleBadge } from './role-badge';

/** The portal's top bar: brand, the sections this user's role may open, and who is signed in. */
export function AppHeader({ user }: { user: PortalUser | null }) {
  const sections = navigationFor(user?.role ?? null);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2 text-slate-900" aria-label="VisionCAD home">
          <span
            aria-hidden
            className="grid size-8 place-items-center rounded-lg bg-brand-700 text-sm font-semibold text-white"
          >
            V
          </span>
          <span className="hidden text-base font-semibold tracking-tight sm:inline">VisionCAD</span>
        </Link>

        <nav
          aria-label="Main"
          className="order-last -mx-1 flex w-full gap-1 overflow-x-auto md:order-none md:w-auto"
        >
          {sections.map((section) => (
            <NavLink key={section.id} href={section.path}>
              {section.label}
            </NavLink>
          ))}
        </nav>

        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          {user ? (
            <>
              <div className="min-w-0 text-right leading-tight" data-testid="current-user">
                <div className="max-w-[9rem] truncate text-sm font-medium text-slate-900 sm:max-w-none">
                  {user.name}
                </div>
                <div className="hidden text-xs text-slate-500 sm:block">{user.email}</div>
              </div>
              <RoleBadge role={user.role} />
              <form method="post" action="/api/auth/sign-out">
                <button
                  type="submit"
                  className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link
              href="/sign-in"
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
            >
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
