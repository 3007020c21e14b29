import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { accountFor, type Role } from './accounts';

/** Where the suite's screenshots go (gitignored); the e2e runner prints the folder. */
export const ARTIFACTS = path.resolve('tests', 'artifacts');

/** Signs in through the sign-in form, as a person would. */
export async function signInWithForm(page: Page, role: Role, signInPath = '/sign-in'): Promise<void> {
  const account = accountFor(role);
  await page.goto(signInPath);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toContainText(account.email);
}

/** Signs an API client in with a JSON body; its cookie jar then carries the session. */
export async function signInWithApi(request: APIRequestContext, role: Role): Promise<void> {
  const { email, password } = accountFor(role);
  const response = await request.post('/api/auth/sign-in', { data: { email, password } });
  expect(response.status()).toBe(200);
}

/** Saves a full-page screenshot as tests/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
