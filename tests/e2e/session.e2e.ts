import { expect, request as apiRequest, test } from '@playwright/test';
import { accountFor } from './support/accounts';
import { signInWithForm } from './support/portal';

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
  await signInWithForm(page, 'CLINICIAN');
  const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === 'visioncad_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);
});

test('a wrong password shows a clear error and keeps the email', async ({ page }) => {
  const { email } = accountFor('CLINICIAN');
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'password' })).toHaveText(
    'That email and password do not match an active account.',
  );
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByTestId('current-user')).toHaveCount(0);
});

test('signing out ends the session on the server, not only in the browser', async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithForm(page, 'CLINICIAN');
  const token = (await context.cookies()).find((cookie) => cookie.name === 'visioncad_session')?.value;
  expect(token).toBeTruthy();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/sign-in?signedOut=1');
  await expect(page.getByRole('status')).toHaveText('You have been signed out.');

  await page.goto('/cases');
  await expect(page).toHaveURL('/sign-in?next=%2Fcases');

  // Replaying the old token must not work: the server revoked it.
  const replay = await apiRequest.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `visioncad_session=${token}` },
  });
  expect((await replay.get('/api/me')).status()).toBe(401);
  await replay.dispose();
});
