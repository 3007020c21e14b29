import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_LESION, dermoscopyPng } from '../../apps/web/src/server/analysis-fixtures.test-support';
import { screenshot, signInWithForm } from './support/portal';

// Following one lesion across two visits of the same patient: each visit's image is analysed, linked
// to the lesion, and the lesion page shows them side by side with the change in diameter and ABCD.
// Sorts after data-pages.e2e.ts on purpose (that one counts the fixture's analyses).

test.setTimeout(240_000);

async function visitWithImage(page: Page, date: string, name: string, radius: number): Promise<void> {
  await page.goto('/cases/new');
  await page.getByLabel('Patient reference').fill('E2E-FOLLOW-0001');
  await page.getByLabel('Body site').selectOption('upper back');
  await page.getByLabel('Visit date').fill(date);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E-FOLLOW-0001');
  const buffer = await dermoscopyPng(512, 384, { ...DEFAULT_LESION, radius });
  await page
    .getByLabel(/^Image \(JPEG, PNG, BMP or TIFF/)
    .setInputFiles({ name, mimeType: 'image/png', buffer });
  await page.getByLabel('Scale (px per mm, optional)').fill('25');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('analysis')).toHaveAttribute('data-status', 'SUCCEEDED', {
    timeout: 150_000,
  });
}

test('a lesion followed across two visits shows both images and how much it grew', async ({ page }) => {
  await signInWithForm(page, 'CLINICIAN');
  await visitWithImage(page, '2026-03-01', 'march.png', 0.18);
  const link = page.getByTestId('lesion-link');
  await expect(link).toContainText('Not linked to a lesion yet');
  await link.getByLabel('New lesion name').fill('mole upper back');
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(page.getByTestId('lesion-link')).toContainText('Lesion mole upper back');

  await visitWithImage(page, '2026-09-01', 'september.png', 0.27);
  const second = page.getByTestId('lesion-link');
  await second.getByLabel('Lesion', { exact: true }).selectOption({ label: 'mole upper back' });
  await second.getByRole('button', { name: 'Link' }).click();
  await page.getByRole('link', { name: /Follow-up across visits \(2 images\)/ }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mole upper back');
  await expect(page.getByTestId('follow-up-visit')).toHaveCount(2);
  const diameters = page.getByTestId('diameter-value');
  await expect(diameters.nth(0)).toHaveText(/^\d+\.\d mm$/);
  // The second visit's blob is half as wide again: the change is positive and in millimetres.
  await expect(diameters.nth(1)).toHaveText(/^\d+\.\d mm\s*\(\+\d+\.\d\)$/);
  const [first, later] = await Promise.all(
    [0, 1].map(async (k) => parseFloat(await diameters.nth(k).innerText())),
  );
  expect(later / first).toBeGreaterThan(1.25);
  for (const k of [0, 1]) {
    const mask = page.getByTestId('follow-up-visit').nth(k).getByTestId('mask-layer');
    await expect
      .poll(() => mask.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(512);
  }
  await screenshot(page, 'clinician-lesion-follow-up');
});
