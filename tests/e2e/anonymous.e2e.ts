import { expect, test } from '@playwright/test';
import { screenshot, signInWithForm } from './support/portal';

for (const path of ['/cases', '/analytics', '/models', '/admin']) {
  test(`an anonymous visit to ${path} is sent to sign in`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(path)}`);
  });
}

test('the portal root sends an anonymous visitor to sign in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL('/sign-in');
});

test('signing in from a redirect returns to the page that was asked for', async ({ page }) => {
  await page.goto('/models');
  await signInWithForm(page, 'ANALYST', page.url());
  await expect(page).toHaveURL('/models');
});

test('the sign-in page and the demo are public', async ({ page }) => {
  const signIn = await page.goto('/sign-in');
  expect(signIn?.status()).toBe(200);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Demo']);
  await screenshot(page, 'anonymous-sign-in');

  const demo = await page.goto('/demo');
  expect(demo?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('On-device screening demo');
  await screenshot(page, 'anonymous-demo');
});

for (const path of ['/api/me', '/api/cases', '/api/admin/users']) {
  test(`an anonymous call to ${path} gets 401 with an error`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('Sign in') });
  });
}

test('/api/health is public and reports the database ok', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.database).toMatchObject({ ok: true, provider: 'sqlite' });
  expect(body.database.migrations).toBeGreaterThan(0);
  // No secrets and no server paths in a public answer.
  expect(JSON.stringify(body)).not.toMatch(/password|:\/\/[^@\s]+:[^@\s]+@/i);
  expect(JSON.stringify(body)).not.toContain(process.env.VISIONCAD_DATA_DIR as string);
});
