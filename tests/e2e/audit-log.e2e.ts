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

test('the audit log filters by action and pages through older entries', async ({ page, request }) => {
  // More failed sign-ins than fit on a two-entry page.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const response = await request.post('/api/auth/sign-in', {
      // Distinct emails: entries within one second would otherwise render identically.
      data: { email: `nobody-${attempt}@visioncad.local`, password: `guess-${attempt}` },
    });
    expect(response.status()).toBe(401);
  }
  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin');
  await page.getByLabel('Action').selectOption('auth.sign-in-failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=auth.sign-in-failed/);
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasNotText: 'auth.sign-in-failed' })).toHaveCount(1); // the header

  await page.goto('/admin?action=auth.sign-in-failed&limit=2');
  await expect(log.getByRole('row')).toHaveCount(3); // header + 2 entries
  const emailsIn = async () =>
    (await log.getByRole('row').allTextContents()).flatMap(
      (text) => text.match(/nobody-\d@visioncad\.local/g) ?? [],
    );
  const newestPage = await emailsIn();
  expect(newestPage).toHaveLength(2);
  const newest = await log.getByRole('row').nth(1).textContent();

  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(page).toHaveURL(/cursor=.*limit=2|limit=2.*cursor=/);
  await expect(log.getByRole('row').filter({ hasNotText: 'auth.sign-in-failed' })).toHaveCount(1);
  for (const email of newestPage) await expect(log).not.toContainText(email);
  const olderPage = await emailsIn();
  expect(olderPage.length).toBeGreaterThan(0);
  expect(olderPage.filter((email) => newestPage.includes(email))).toEqual([]);

  await page.getByRole('link', { name: '← Newest' }).click();
  await expect(log.getByRole('row').nth(1)).toHaveText(newest ?? '');
});

test('a bad page size is named and the default page is shown', async ({ page }) => {
  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin?limit=5000');
  // Next.js adds an empty role="alert" route announcer, so pick ours by its text.
  await expect(page.getByRole('alert').filter({ hasText: 'limit' })).toHaveText(
    'limit must be a whole number from 1 to 100, got "5000"; showing 25 per page instead.',
  );
  await expect(page.getByRole('table', { name: 'Audit log' })).toBeVisible();
});

test('signing out is recorded in the audit log', async ({ page, request }) => {
  await signInWithApi(request, 'ANALYST');
  expect((await request.post('/api/auth/sign-out')).status()).toBe(200);
  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin?action=auth.sign-out');
  await expect(page.getByRole('table', { name: 'Audit log' }).getByRole('row').nth(1)).toContainText(
    accountFor('ANALYST').email,
  );
});
