import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { homePathFor } from '../../access/role-matrix';
import { getCurrentUser } from '../../server/current-user';
import { safeRedirectTarget } from '../../server/redirect-target';
import { SIGN_IN_ERRORS, type SignInErrorCode } from '../../server/sign-in';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorMessage(code: string | undefined): string | null {
  return code && code in SIGN_IN_ERRORS ? SIGN_IN_ERRORS[code as SignInErrorCode] : null;
}

/** The sign-in form. It posts to /api/auth/sign-in, which comes back here with an error code. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeRedirectTarget(first(params.next));
  const user = await getCurrentUser();
  if (user) redirect(next ?? homePathFor(user.role));

  const error = errorMessage(first(params.error));
  const email = first(params.email) ?? '';
  const signedOut = first(params.signedOut) === '1';

  return (
    <div className="mx-auto max-w-sm pt-6 sm:pt-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to VisionCAD</h1>
      <p className="mt-1 text-sm text-slate-600">Use the account your administrator gave you.</p>

      {signedOut && !error ? (
        <p role="status" className="mt-6 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          You have been signed out.
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      ) : null}

      <form
        method="post"
        action="/api/auth/sign-in"
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <div>
          <label htmlFor="email" className="block text-sm font-medium text-slate-700">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={email}
            autoFocus={!email}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus={Boolean(email)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
          />
        </div>
        <button
          type="submit"
          className="w-full rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Sign in
        </button>
      </form>

      <p className="mt-6 text-center text-sm text-slate-500">
        No account? The{' '}
        <Link href="/demo" className="font-medium text-brand-700 hover:underline">
          on-device demo
        </Link>{' '}
        needs none.
      </p>
    </div>
  );
}
