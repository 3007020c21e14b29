import { expect, test, type Locator, type Page } from '@playwright/test';
import { ANALYST } from './fixtures/analyst-data-names';
import { SAMPLE } from './fixtures/sample-data-names';
import { screenshot, signInWithForm } from './support/portal';

// The analyst's views over fixtures/analyst-data.ts: a model card's metrics as charts, and the live
// agreement between that model and the clinicians' signed-off reviews, filtered.

/** A chart drawn by ECharts (SVG renderer) inside the figure titled `title`. */
function chart(page: Page, title: string): Locator {
  return page.getByRole('figure', { name: title, exact: true }).locator('[data-chart] svg');
}

/** The value of a headline figure in a group of figures. */
function figure(group: Locator, label: string): Locator {
  return group
    .locator('div')
    .filter({ has: group.page().getByText(label, { exact: true }) })
    .locator('dd')
    .first();
}

async function agreementPanel(page: Page): Promise<Locator> {
  const panel = page
    .getByTestId('agreement-panel')
    .filter({ hasText: `${ANALYST.modelFolder} ${ANALYST.modelVersion}` });
  await expect(panel).toHaveCount(1);
  return panel;
}

test('an analyst sees a model card’s metrics as charts, ROC curves and reliability diagram included', async ({
  page,
}) => {
  await signInWithForm(page, 'ANALYST');
  await page.goto('/models');
  const row = page
    .getByRole('table', { name: 'Model cards' })
    .getByRole('row')
    .filter({ hasText: ANALYST.modelFolder });
  // 50 of 60 on the diagonal.
  await expect(row).toContainText(ANALYST.evaluationName);
  await expect(row).toContainText('0.833');
  // The database's version of the same card links to it too.
  await expect(
    page.getByRole('table', { name: 'Model versions' }).getByRole('link', { name: ANALYST.modelFolder }),
  ).toHaveAttribute('href', `/models/${ANALYST.modelFolder}`);
  await screenshot(page, 'analyst-models-list');
  await row.getByRole('link', { name: `${ANALYST.modelFolder} ${ANALYST.modelVersion}` }).click();

  await expect(page).toHaveURL(new RegExp(`/models/${ANALYST.modelFolder}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${ANALYST.modelFolder} ${ANALYST.modelVersion}`,
  );
  await expect(page.getByText('fixture split, seed 5')).toBeVisible();
  await expect(page.getByText('train 300 · validation 40 · test 60')).toBeVisible();
  const headline = page.getByLabel(`Headline metrics of ${ANALYST.evaluationName}`);
  await expect(figure(headline, 'Test items (n)')).toHaveText('60');
  await expect(figure(headline, 'Accuracy')).toHaveText('0.833');
  // Computed by the fixture from its made-up per-image probabilities, as the trainer computes it.
  await expect(figure(headline, 'ECE')).toHaveText('0.158');

  const matrix = chart(page, 'Confusion matrix');
  await expect(matrix).toBeVisible();
  for (const label of ANALYST.labels) await expect(matrix).toContainText(label);
  // Every cell's count is printed in the heat map.
  for (const count of new Set(ANALYST.confusionMatrix.flat()))
    await expect(matrix).toContainText(String(count));
  const roc = chart(page, 'ROC space: operating points');
  await expect(roc).toBeVisible();
  await expect(roc).toContainText('False positive rate');
  await expect(roc).toContainText('mel vs rest');
  await expect(chart(page, 'Per-class precision, recall and F1')).toContainText('Recall');
  // The card stores curve points and reliability bins, so both are drawn and nothing is listed as lacking.
  const curves = chart(page, 'ROC curves');
  await expect(curves).toBeVisible();
  for (const name of ['bcc (AUC 0.968)', 'mel (AUC 0.896)', 'nv (AUC 0.902)', 'Chance'])
    await expect(curves).toContainText(name);
  // One polyline per class plus the diagonal (ECharts draws each line as an SVG path).
  expect(await curves.locator('path[fill="none"]').count()).toBeGreaterThanOrEqual(4);
  const reliability = chart(page, 'Reliability diagram');
  await expect(reliability).toBeVisible();
  for (const name of ['Accuracy', 'Mean confidence', 'Perfect calibration'])
    await expect(reliability).toContainText(name);
  await expect(page.getByRole('figure', { name: 'Reliability diagram', exact: true })).toContainText(
    '60 items binned',
  );
  await expect(page.getByTestId('not-in-card')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Agreement with clinicians' })).toContainText(
    `${ANALYST.all.n} readings, ${ANALYST.all.percent} agreement, Cohen's kappa ${ANALYST.all.kappa}`,
  );
  await screenshot(page, 'analyst-model-metrics');
});

test('an analyst sees model–clinician agreement with kappa and filters it by body site and date', async ({
  page,
}) => {
  await signInWithForm(page, 'ANALYST');
  await page.goto('/analytics');
  let panel = await agreementPanel(page);
  const figures = panel.locator('dl');
  await expect(figure(figures, 'Readings compared (n)')).toHaveText(String(ANALYST.all.n));
  await expect(figure(figures, 'Percent agreement')).toHaveText(ANALYST.all.percent);
  await expect(figure(figures, "Cohen's kappa")).toHaveText(ANALYST.all.kappa);
  await expect(panel).toContainText('moderate (Landis & Koch)');
  // The amended case counts once, with its amendment.
  await expect(page.getByTestId('agreement-summary')).toContainText(
    '1 earlier sign-off was replaced by an amendment',
  );
  // Agreement apart on the one image the model flagged as unlike its training images.
  await expect(panel.getByTestId('agreement-novelty')).toHaveText(
    /^Images the model flagged as unlike its training images: (0\.0|100\.0)% agreement \(1\); the others: \d+\.\d% \(\d+\)\.$/,
  );
  const matrix = panel.locator('[data-chart] svg');
  await expect(matrix).toBeVisible();
  for (const label of ANALYST.labels) await expect(matrix).toContainText(label);
  await screenshot(page, 'analyst-agreement-all');

  const form = page.getByRole('form', { name: 'Filter agreement' });
  await form.getByLabel('Body site').selectOption(ANALYST.forearm.site);
  await form.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/bodySite=left\+forearm/);
  panel = await agreementPanel(page);
  await expect(figure(panel.locator('dl'), 'Readings compared (n)')).toHaveText(String(ANALYST.forearm.n));
  await expect(figure(panel.locator('dl'), 'Percent agreement')).toHaveText(ANALYST.forearm.percent);
  await expect(figure(panel.locator('dl'), "Cohen's kappa")).toHaveText(ANALYST.forearm.kappa);
  await screenshot(page, 'analyst-agreement-forearm');

  await form.getByLabel('Body site').selectOption('');
  await form.getByLabel('Visit from').fill(ANALYST.june.from);
  await form.getByLabel('Visit to').fill(ANALYST.june.to);
  await form.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/from=2026-06-01/);
  panel = await agreementPanel(page);
  await expect(figure(panel.locator('dl'), 'Readings compared (n)')).toHaveText(String(ANALYST.june.n));
  await expect(figure(panel.locator('dl'), 'Percent agreement')).toHaveText(ANALYST.june.percent);
  await expect(figure(panel.locator('dl'), "Cohen's kappa")).toHaveText(ANALYST.june.kappa);

  await page.goto('/analytics?from=2026-06-30&to=2026-06-01');
  await expect(page.getByTestId('form-error')).toHaveText('from (2026-06-30) is after to (2026-06-01).');
});

test('the shipped classifier and segmenter cards are charted from their own metrics', async ({ page }) => {
  await signInWithForm(page, 'ANALYST');
  await page.goto(`/models/${SAMPLE.shippedModels['lesion-classification']}`);
  // One matrix per test scoring (its card may hold the argmax and the balanced decision rule).
  const matrix = chart(page, 'Confusion matrix').first();
  for (const label of ['akiec', 'bcc', 'mel', 'nv', 'vasc']) await expect(matrix).toContainText(label);
  await expect(page.getByText('HAM10000', { exact: false }).first()).toBeVisible();
  await expect(chart(page, 'ROC space: operating points').first()).toContainText('mel vs rest');
  // Its card's test entry comes from `trainer evaluate`, with curve points and reliability bins.
  await expect(chart(page, 'ROC curves').first()).toContainText(/mel \(AUC 0\.8\d\d\)/);
  await expect(page.getByRole('figure', { name: 'Reliability diagram', exact: true }).first()).toContainText(
    '719 items binned',
  );
  // Captions name the decision behind each scoring's class-level figures, from the card: the argmax
  // of the image alone, and the fusion with the case's age, sex and site that the model reports when
  // a case records them (its own balanced rule was not kept on validation).
  const argmax = page.getByRole('region', { name: 'ham10000-test', exact: true });
  await expect(argmax.getByRole('figure', { name: 'Confusion matrix', exact: true })).toContainText(
    'predicted class (argmax)',
  );
  await expect(
    argmax.getByRole('figure', { name: 'Per-class precision, recall and F1', exact: true }),
  ).toContainText('At the argmax decision (most probable class).');
  const fused = page.getByRole('region', { name: 'ham10000-test-with-metadata', exact: true });
  await expect(fused.getByRole('figure', { name: 'Confusion matrix', exact: true })).toContainText(
    'predicted class (image + age, sex, site)',
  );
  await expect(fused.getByRole('figure', { name: 'ROC space: operating points', exact: true })).toContainText(
    "At the fusion of the image with the patient's age, sex and body site (metadata-fusion.json, fitted on validation), the diagnosis this model reports",
  );
  await screenshot(page, 'analyst-model-lesion-classifier');

  // The FER card holds several evaluations (FER2013 PublicTest, CK+48 cross-dataset): a matrix each.
  await page.goto(`/models/${SAMPLE.shippedModels.fer}`);
  await expect(chart(page, 'Confusion matrix').first()).toContainText('surprise');
  expect(await page.getByRole('figure', { name: 'Confusion matrix', exact: true }).count()).toBeGreaterThan(
    1,
  );
  await screenshot(page, 'analyst-model-fer');

  // The CK+ SVM (fer-posed): its nested-CV decision, its Platt probabilities and FER2013
  // cross-dataset (faces re-cut at its framing, and the dataset's own crops), a matrix each.
  await page.goto(`/models/${SAMPLE.shippedModels['fer-posed']}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('fer-svm-ckplus');
  await expect(
    page.getByRole('region', { name: 'CK+48 subject-wise 10-fold (nested)', exact: true }),
  ).toContainText('0.958');
  await expect(chart(page, 'Confusion matrix').first()).toContainText('contempt');
  expect(await page.getByRole('figure', { name: 'Confusion matrix', exact: true }).count()).toBe(4);
  await screenshot(page, 'analyst-model-fer-svm');

  await page.goto(`/models/${SAMPLE.shippedModels['lesion-segmentation']}`);
  const overlap = chart(page, 'Model against the Otsu baseline');
  await expect(overlap).toContainText('Dice');
  await expect(overlap).toContainText('Otsu');
  await screenshot(page, 'analyst-model-lesion-segmenter');
});
