import { expect, test } from '@playwright/test';
import { ANALYST } from './fixtures/analyst-data-names';
import { SAMPLE } from './fixtures/sample-data-names';
import { screenshot, signInWithForm } from './support/portal';

// These pages read the database and the registry written by fixtures/sample-data.ts.

test('Cases lists the cases in the database', async ({ page }) => {
  await signInWithForm(page, 'CLINICIAN');
  await page.goto('/cases');
  const row = page
    .getByRole('table', { name: 'Cases' })
    .getByRole('row')
    .filter({ hasText: SAMPLE.patientReference });
  await expect(row).toContainText(SAMPLE.bodySite);
  await expect(row).toContainText('Reviewed');
  await expect(row).toContainText('2 Mar 2026');
  await screenshot(page, 'clinician-cases-with-data');
});

test('Analytics counts analyses and reviews from the database', async ({ page }) => {
  await signInWithForm(page, 'ANALYST');
  await page.goto('/analytics');
  const count = (label: string) => page.getByText(label, { exact: true }).locator('..');
  // This fixture's rows plus the analyst views' (fixtures/analyst-data.ts).
  await expect(count('All analyses')).toContainText(String(2 + ANALYST.analyses));
  await expect(count('Succeeded')).toContainText(String(1 + ANALYST.analyses));
  await expect(count('Failed')).toContainText('1');
  await expect(count('All reviews')).toContainText(String(1 + ANALYST.reviews));
  await expect(count('Signed off')).toContainText(String(1 + ANALYST.reviews));
  await expect(count('Agree with model')).toContainText(String(1 + ANALYST.agreeReviews));
});

test('Models shows database versions and the registry with its missing files', async ({ page }) => {
  await signInWithForm(page, 'ANALYST');
  await page.goto('/models');
  await expect(page.getByRole('table', { name: 'Model versions' })).toContainText(SAMPLE.modelName);
  const registry = page.getByRole('table', { name: 'Registered models' });
  const complete = registry.getByRole('row').filter({ hasText: SAMPLE.completeModel });
  await expect(complete).toContainText(SAMPLE.completeTask);
  await expect(complete).toContainText(`${SAMPLE.cardName} 1.0.0`);
  await expect(complete).toContainText('present');
  const incomplete = registry.getByRole('row').filter({ hasText: SAMPLE.incompleteModel });
  await expect(incomplete).toContainText('card.json is missing');
  await expect(incomplete).toContainText('incomplete');
  await expect(incomplete).toContainText(SAMPLE.missingShard);
  await screenshot(page, 'analyst-models-with-data');
});

test('/api/health checks each registered model file', async ({ request }) => {
  const body = await (await request.get('/api/health')).json();
  expect(body.status).toBe('degraded');
  expect(body.models.registry).toBe('ok');
  const byTask = Object.fromEntries(
    body.models.entries.map((entry: { task: string }) => [entry.task, entry]),
  );
  expect(byTask[SAMPLE.completeTask]).toMatchObject({
    model: SAMPLE.completeModel,
    ok: true,
    modelJson: { exists: true },
  });
  expect(byTask[SAMPLE.incompleteTask]).toMatchObject({ ok: false, modelJson: { exists: true } });
  // The posed-expression SVM: its svm.json, and the feature CNN it names in a sibling folder.
  expect(byTask['fer-posed']).toMatchObject({
    model: SAMPLE.shippedModels['fer-posed'],
    ok: true,
    svmJson: { path: `${SAMPLE.shippedModels['fer-posed']}/svm.json`, exists: true },
    modelJson: { path: `${SAMPLE.unregisteredModels[0]}/model.json`, exists: true },
  });
  expect(byTask[SAMPLE.incompleteTask].weights).toContainEqual({
    path: `${SAMPLE.incompleteModel}/${SAMPLE.missingShard}`,
    exists: false,
  });
});
