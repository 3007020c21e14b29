// The browser half of a session: an opaque bearer token in an HttpOnly cookie. The server half
// (a hash of the token, expiry, user) lives in the database behind @visioncad/db.

/** Name of the cookie that carries the session token. */
export const SESSION_COOKIE = 'visioncad_session';

/** Cookie attributes for a session token that expires at `expiresAt`. */
export function sessionCookieOptions(expiresAt: Date, secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    expires: expiresAt,
  };
}

/** Whether the request reached us over https, directly or through a TLS-terminating proxy. */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto');
  if (forwarded) return forwarded.split(',')[0].trim() === 'https';
  return new URL(request.url).protocol === 'https:';
}
