import { expect, test, type Page } from '@playwright/test';
import { dermoscopyPng } from '../../apps/web/src/server/analysis-fixtures.test-support';
import { screenshot, signInWithForm } from './support/portal';

// The case list filtered by model verdict, end to end: a PH2-like image is uploaded and analysed by
// the shipped models, and the case is then found under the verdict the analysis gave, not under
// another one, while a case without an analysis is found under "No analysis yet".
// The file sorts after data-pages.e2e.ts on purpose: that one counts the fixture's analyses.

test.setTimeout(180_000);

async function createCase(page: Page, reference: string): Promise<string> {
  await page.goto('/cases/new');
  await page.getByLabel('Patient reference').fill(reference);
  // A site and day no other test uses: review-workflow.e2e.ts expects its chest case first.
  await page.getByLabel('Body site').selectOption('left thigh');
  await page.getByLabel('Visit date').fill('2026-09-15');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference);
  return new URL(page.url()).pathname.split('/').pop() as string;
}

/** Chooses a model verdict in the filter form and submits it. */
async function filterByVerdict(page: Page, value: string): Promise<void> {
  await page.goto('/cases');
  await page.getByLabel('Model verdict').selectOption(value);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]verdict=${encodeURIComponent(value)}(&|$)`));
}

test('a case is listed under the model verdict its analysis gave and under no other', async ({ page }) => {
  await signInWithForm(page, 'CLINICIAN');
  const pending = 'E2E-VERDICT-0002';
  await createCase(page, pending);
  const reference = 'E2E-VERDICT-0001';
  const caseId = await createCase(page, reference);

  await page
    .getByLabel(/^Image \(JPEG, PNG, BMP or TIFF/)
    .setInputFiles({ name: 'verdict.png', mimeType: 'image/png', buffer: await dermoscopyPng() });
  await page.getByLabel('Kind').selectOption({ label: 'Dermoscopy' });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status')).toHaveText('verdict.png was uploaded.');
  await expect(page.getByTestId('analysis')).toHaveAttribute('data-status', 'SUCCEEDED', {
    timeout: 150_000,
  });

  // The verdict is the analysis' top diagnosis, as the API reports it.
  const analyses = await page.request.get(`/api/cases/${caseId}/analyses`);
  expect(analyses.status()).toBe(200);
  const body = (await analyses.json()) as {
    images: Array<{ analyses: Array<{ outputs: { topLabel: string } | null }> }>;
  };
  const verdict = body.images[0].analyses[0].outputs!.topLabel;

  // The filter offers the production classifier's labels (from its card) and "No analysis yet".
  await page.goto('/cases');
  const select = page.getByLabel('Model verdict');
  const values = await select
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(values).toEqual(
    expect.arrayContaining(['', 'akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc', 'none']),
  );
  expect(values).toContain(verdict);

  await filterByVerdict(page, verdict);
  const table = page.getByRole('table', { name: 'Cases' });
  const row = table.getByRole('row').filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: pending })).toHaveCount(0);
  await expect(page.getByLabel('Model verdict')).toHaveValue(verdict);
  const shown = await page.getByLabel('Model verdict').locator('option:checked').textContent();
  await expect(row).toContainText(shown!.trim());
  await screenshot(page, 'clinician-case-list-verdict-filter');

  // Under another diagnosis, and under "No analysis yet", the case is absent; the unanalysed one is there.
  const other = ['nv', 'mel'].find((label) => label !== verdict)!;
  await filterByVerdict(page, other);
  await expect(page.getByRole('row').filter({ hasText: reference })).toHaveCount(0);
  await filterByVerdict(page, 'none');
  await expect(page.getByRole('row').filter({ hasText: reference })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: pending })).toHaveCount(1);

  // The same filter over the API, and a value that is no verdict: 400 naming the field, on both.
  const listed = await page.request.get(`/api/cases?verdict=${verdict}&limit=100`);
  expect(listed.status()).toBe(200);
  const ids = ((await listed.json()) as { cases: Array<{ id: string; modelVerdict: string }> }).cases;
  expect(ids.find((item) => item.id === caseId)?.modelVerdict).toBe(verdict);
  const bad = await page.request.get('/api/cases?verdict=melanoma');
  expect(bad.status()).toBe(400);
  const error = (await bad.json()) as { error: string; field: string };
  expect(error.field).toBe('verdict');
  expect(error.error).toContain('"melanoma"');
  const spec = (await (await page.request.get('/api/openapi.json')).json()) as {
    paths: Record<string, { get: { parameters: Array<{ name: string }> } }>;
  };
  expect(spec.paths['/api/cases'].get.parameters.map((parameter) => parameter.name)).toContain('verdict');
  await page.goto('/cases?verdict=melanoma');
  await expect(page.getByTestId('form-error')).toContainText('verdict "melanoma" is not a model verdict');
});
