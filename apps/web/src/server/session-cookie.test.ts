import { describe, expect, it } from 'vitest';
import { isHttps, sessionCookieOptions } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, site-wide and expires with the session', () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    expect(sessionCookieOptions(expiresAt, false)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
      expires: expiresAt,
    });
  });

  it('is Secure when the request came over https, directly or via a proxy', () => {
    expect(isHttps(new Request('https://cad.example.org/api/auth/sign-in'))).toBe(true);
    expect(
      isHttps(new Request('http://127.0.0.1:3000/', { headers: { 'x-forwarded-proto': 'https' } })),
    ).toBe(true);
    expect(isHttps(new Request('http://localhost:3000/'))).toBe(false);
  });
});
