import { expect, test } from '@playwright/test';
import type { Role } from './support/accounts';
import { screenshot, signInWithForm } from './support/portal';

// The role matrix as the product states it, written out independently of the portal's own table so
// that a mistake there fails here.
const PROTECTED_PAGES = [
  { path: '/cases', label: 'Cases', roles: ['CLINICIAN'] },
  { path: '/analytics', label: 'Analytics', roles: ['ANALYST', 'ADMIN'] },
  { path: '/models', label: 'Models', roles: ['ANALYST', 'ADMIN'] },
  { path: '/admin', label: 'Admin', roles: ['ADMIN'] },
] as const satisfies readonly { path: string; label: string; roles: readonly Role[] }[];

const EXPECTED_NAV: Record<Role, string[]> = {
  CLINICIAN: ['Cases', 'Demo'],
  ANALYST: ['Analytics', 'Models', 'Demo'],
  ADMIN: ['Analytics', 'Models', 'Demo', 'Admin'],
};

const HOME: Record<Role, string> = { CLINICIAN: '/cases', ANALYST: '/analytics', ADMIN: '/analytics' };

for (const role of ['CLINICIAN', 'ANALYST', 'ADMIN'] as const) {
  test(`${role} sees exactly its navigation and pages`, async ({ page }) => {
    await signInWithForm(page, role);
    await expect(page).toHaveURL(HOME[role]);
    await expect(page.getByTestId('role-badge')).toHaveText(role);

    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    await expect(nav).toHaveText(EXPECTED_NAV[role]);

    for (const target of PROTECTED_PAGES) {
      const response = await page.goto(target.path);
      const allowed = (target.roles as readonly Role[]).includes(role);
      if (allowed) {
        expect(response?.status(), `${role} opening ${target.path}`).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.label);
        await screenshot(page, `${role.toLowerCase()}-${target.label.toLowerCase()}`);
      } else {
        expect(response?.status(), `${role} opening ${target.path}`).toBe(403);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your role cannot open this page');
      }
    }
  });
}

test('a forbidden page keeps the navigation and says why', async ({ page }) => {
  await signInWithForm(page, 'CLINICIAN');
  await page.goto('/admin');
  await expect(page.getByText('403 · Forbidden')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(
    EXPECTED_NAV.CLINICIAN,
  );
  await screenshot(page, 'clinician-admin-forbidden');
});

test('the layout holds on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(
    EXPECTED_NAV.ADMIN,
  );
  await screenshot(page, 'admin-admin-mobile');
});
