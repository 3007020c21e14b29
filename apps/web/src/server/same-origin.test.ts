import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';

function post(headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/auth/sign-in', { method: 'POST', headers });
}

describe('isSameOrigin', () => {
  it('accepts a post from the portal itself', () => {
    expect(isSameOrigin(post({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).toBe(true);
  });

  it('refuses a post from another site', () => {
    expect(isSameOrigin(post({ origin: 'https://evil.example', host: 'localhost:3000' }))).toBe(false);
    expect(isSameOrigin(post({ origin: 'null', host: 'localhost:3000' }))).toBe(false);
  });

  it('uses the forwarded host behind a proxy', () => {
    const request = post({
      origin: 'https://cad.example.org',
      host: '127.0.0.1:3000',
      'x-forwarded-host': 'cad.example.org',
    });
    expect(isSameOrigin(request)).toBe(true);
  });

  it('accepts clients that send no Origin', () => {
    expect(isSameOrigin(post({ host: 'localhost:3000' }))).toBe(true);
  });
});
