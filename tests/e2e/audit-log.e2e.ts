import { expect, test } from '@playwright/test';
import { accountFor } from './support/accounts';
import { screenshot, signInWithApi, signInWithForm } from './support/portal';

test('the admin audit log shows successful and failed sign-ins', async ({ page, request }) => {
  const clinician = accountFor('CLINICIAN');
  const failed = await request.post('/api/auth/sign-in', {
    data: { email: clinician.email, password: 'definitely wrong' },
  });
  expect(failed.status()).toBe(401);
  await signInWithApi(request, 'CLINICIAN');

  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(
    log
      .getByRole('row')
      .filter({ hasText: 'auth.sign-in-failed' })
      .filter({ hasText: clinician.email })
      .first(),
  ).toBeVisible();
  await expect(
    log
      .getByRole('row')
      .filter({ hasText: /auth\.sign-in(?!-)/ })
      .filter({ hasText: clinician.email })
      .first(),
  ).toBeVisible();
  // The admin's own sign-in, the newest entry, is on the first page.
  await expect(log.getByRole('row').nth(1)).toContainText(accountFor('ADMIN').email);
  await screenshot(page, 'admin-admin');
});

test('the users table lists every seeded account and role', async ({ page }) => {
  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin');
  const users = page.getByRole('table', { name: 'Users and roles' });
  for (const role of ['CLINICIAN', 'ANALYST', 'ADMIN'] as const) {
    await expect(users.getByRole('row').filter({ hasText: accountFor(role).email })).toContainText(role);
  }
});
