import 'server-only';
import { NextResponse } from 'next/server';
import { authenticate } from '@visioncad/db';
import { homePathFor } from '../access/role-matrix';
import { clientInfo } from './client-info';
import { jsonError, seeOther } from './responses';
import { safeRedirectTarget } from './redirect-target';
import { isSameOrigin } from './same-origin';
import { SESSION_COOKIE, isHttps, sessionCookieOptions } from './session-cookie';

/** Why a sign-in was refused; the sign-in page turns the code back into the message. */
export type SignInErrorCode =
  'missing-email' | 'missing-password' | 'invalid' | 'cross-site' | 'unsupported' | 'malformed-json';

/** What each refusal tells the person signing in. */
export const SIGN_IN_ERRORS: Record<SignInErrorCode, string> = {
  'missing-email': 'Enter your email address.',
  'missing-password': 'Enter your password.',
  invalid: 'That email and password do not match an active account.',
  'cross-site': 'Sign-in was sent from another site and was refused. Sign in from this page.',
  unsupported: 'Send the sign-in as JSON or as a form.',
  'malformed-json': 'The request body is not a JSON object: send {"email": "…", "password": "…"}.',
};

const ERROR_STATUS: Record<SignInErrorCode, number> = {
  'missing-email': 400,
  'missing-password': 400,
  invalid: 401,
  'cross-site': 403,
  unsupported: 415,
  'malformed-json': 400,
};

const ERROR_FIELD: Partial<Record<SignInErrorCode, string>> = {
  'missing-email': 'email',
  'missing-password': 'password',
};

interface SignInInput {
  email: string;
  password: string;
  next: string | null;
}

type BodyKind = 'json' | 'form';

function bodyKind(request: Request): BodyKind | null {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return 'form';
  return null;
}

async function readInput(request: Request, kind: BodyKind): Promise<Record<string, unknown> | null> {
  if (kind === 'form') return Object.fromEntries((await request.formData()).entries());
  const body: unknown = await request.json().catch(() => null);
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;
}

function parseInput(raw: Record<string, unknown>): SignInInput | SignInErrorCode {
  const email = typeof raw.email === 'string' ? raw.email.trim() : '';
  const password = typeof raw.password === 'string' ? raw.password : '';
  if (!email) return 'missing-email';
  if (!password) return 'missing-password';
  return { email, password, next: safeRedirectTarget(raw.next) };
}

function refuse(kind: BodyKind | null, code: SignInErrorCode, input?: Record<string, unknown>) {
  if (kind === 'form') {
    const params = new URLSearchParams({ error: code });
    const next = safeRedirectTarget(input?.next);
    if (next) params.set('next', next);
    if (typeof input?.email === 'string' && input.email.trim()) params.set('email', input.email.trim());
    return seeOther(`/sign-in?${params}`);
  }
  return jsonError(ERROR_STATUS[code], SIGN_IN_ERRORS[code], ERROR_FIELD[code]);
}

/**
 * POST /api/auth/sign-in: checks email and password (JSON or form body), starts a session and sets
 * its cookie. Forms are redirected (to `next` or the role's home page, or back with an error); JSON
 * callers get `{ user, expiresAt }` or `{ error, field? }`.
 */
export async function handleSignIn(request: Request): Promise<Response> {
  const kind = bodyKind(request);
  if (!isSameOrigin(request)) return refuse(kind, 'cross-site');
  if (kind === null) return refuse(kind, 'unsupported');

  const raw = await readInput(request, kind);
  if (raw === null) return refuse(kind, 'malformed-json');
  const input = parseInput(raw);
  if (typeof input === 'string') return refuse(kind, input, raw);

  const result = await authenticate(input.email, input.password, clientInfo(request));
  if (!result) return refuse(kind, 'invalid', raw);

  const destination = input.next ?? homePathFor(result.user.role);
  const response =
    kind === 'form'
      ? seeOther(destination)
      : NextResponse.json({ user: result.user, expiresAt: result.expiresAt.toISOString() });
  response.cookies.set(
    SESSION_COOKIE,
    result.token,
    sessionCookieOptions(result.expiresAt, isHttps(request)),
  );
  return response;
}
