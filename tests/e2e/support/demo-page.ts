import { expect, type Page } from '@playwright/test';

/**
 * Opens the demo and waits until React has hydrated it: the offline line leaves "registering" only
 * from an effect, so file inputs and buttons have their handlers by then.
 */
export async function openDemo(page: Page, path = '/demo'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('offline-status')).not.toHaveAttribute('data-state', 'registering', {
    timeout: 30_000,
  });
}
