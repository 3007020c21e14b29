import { expect, test } from '@playwright/test';
import { accountFor } from './support/accounts';
import { signInWithApi } from './support/portal';

test('a wrong-role API call gets 403 with an error', async ({ request }) => {
  await signInWithApi(request, 'ANALYST');
  const cases = await request.get('/api/cases');
  expect(cases.status()).toBe(403);
  expect((await cases.json()).error).toContain('ANALYST');
  expect((await request.get('/api/admin/users')).status()).toBe(403);
});

test('a clinician may list cases but not users', async ({ request }) => {
  await signInWithApi(request, 'CLINICIAN');
  const cases = await request.get('/api/cases');
  expect(cases.status()).toBe(200);
  expect(await cases.json()).toMatchObject({ cases: expect.any(Array), total: expect.any(Number) });
  expect((await request.get('/api/admin/users')).status()).toBe(403);
});

test('an admin lists the users with their roles', async ({ request }) => {
  await signInWithApi(request, 'ADMIN');
  const response = await request.get('/api/admin/users');
  expect(response.status()).toBe(200);
  const { users } = await response.json();
  for (const role of ['CLINICIAN', 'ANALYST', 'ADMIN'] as const) {
    expect(users).toContainEqual(expect.objectContaining({ email: accountFor(role).email, role }));
  }
  expect(JSON.stringify(users)).not.toContain('passwordHash');
});

test('GET /api/me returns the signed-in user', async ({ request }) => {
  await signInWithApi(request, 'CLINICIAN');
  const response = await request.get('/api/me');
  expect(response.status()).toBe(200);
  expect((await response.json()).user).toMatchObject({
    email: accountFor('CLINICIAN').email,
    role: 'CLINICIAN',
  });
});

test('sign-in rejects bad input with the field at fault', async ({ request }) => {
  const noPassword = await request.post('/api/auth/sign-in', { data: { email: accountFor('ADMIN').email } });
  expect(noPassword.status()).toBe(400);
  expect(await noPassword.json()).toEqual({ error: 'Enter your password.', field: 'password' });

  const wrong = await request.post('/api/auth/sign-in', {
    data: { email: accountFor('ADMIN').email, password: 'not-the-password' },
  });
  expect(wrong.status()).toBe(401);

  const malformed = await request.post('/api/auth/sign-in', {
    data: '{"email": ',
    headers: { 'content-type': 'application/json' },
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toContain('not a JSON object');

  const text = await request.post('/api/auth/sign-in', {
    data: 'email=x',
    headers: { 'content-type': 'text/plain' },
  });
  expect(text.status()).toBe(415);
});

test('a sign-in posted from another site is refused', async ({ request }) => {
  const { email, password } = accountFor('ADMIN');
  const response = await request.post('/api/auth/sign-in', {
    data: { email, password },
    headers: { origin: 'https://attacker.example' },
  });
  expect(response.status()).toBe(403);
});
