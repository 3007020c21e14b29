import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoImageDataSent, recordNetwork } from './support/demo-privacy';
import { SAMPLE_FACES_PHOTO } from './support/fake-camera';
import { openDemo } from './support/demo-page';
import { screenshot } from './support/portal';
import { syntheticLesionPng } from './support/synthetic-lesion';

// The demo serves the models shipped in models/ (not the e2e fixture registry), so the page must
// state what their cards say.
function card(task: string): {
  name: string;
  version: string;
  labels: string[];
  metrics: Record<string, Record<string, unknown>>;
} {
  const registry = JSON.parse(readFileSync(path.resolve('models', 'registry.json'), 'utf8'));
  return JSON.parse(readFileSync(path.resolve('models', registry.tasks[task].model, 'card.json'), 'utf8'));
}

test.describe.configure({ timeout: 120_000 });

/** Chooses the synthetic lesion photo in the demo's file picker (the screening starts at once). */
async function chooseSyntheticLesion(page: Page): Promise<void> {
  await page.getByTestId('lesion-photo-input').setInputFiles({
    name: 'synthetic-lesion.png',
    mimeType: 'image/png',
    buffer: await syntheticLesionPng(),
  });
}

test('the demo states each shipped model, its version and its measured accuracy', async ({ page }) => {
  await openDemo(page);
  for (const task of ['fer', 'lesion-segmentation', 'lesion-classification']) {
    const facts = page.getByTestId(`model-facts-${task}`);
    const { name, version, metrics } = card(task);
    await expect(facts).toContainText(name);
    await expect(facts.getByTestId('model-version')).toHaveText(`version ${version}`);
    const first = Object.values(metrics)[0];
    const figure =
      typeof first.accuracy === 'number'
        ? `accuracy ${(first.accuracy * 100).toFixed(1)}%`
        : `Dice ${(first.dice as number).toFixed(3)}`;
    await expect(facts).toContainText(figure);
  }
});

test('lesion screening segments a synthetic lesion, scores ABCD/TDS and classifies it in the browser', async ({
  page,
  context,
  baseURL,
}) => {
  const network = recordNetwork(context);
  await openDemo(page);
  await expect(page.getByTestId('lesion-disclaimer')).toContainText('see a clinician');
  await chooseSyntheticLesion(page);
  await expect(page.getByTestId('lesion-status')).toHaveText(
    'Analysed synthetic-lesion.png on this device.',
    {
      timeout: 90_000,
    },
  );

  const tds = Number(await page.getByTestId('lesion-tds').textContent());
  expect(tds).toBeGreaterThanOrEqual(1);
  expect(tds).toBeLessThanOrEqual(8.9);
  await expect(page.getByTestId('lesion-band')).toHaveText(/Benign|Suspicious|Highly suspicious/);
  const percents = (
    await page.getByTestId('lesion-probabilities').locator('td:last-child').allTextContents()
  ).map((text) => Number.parseFloat(text));
  expect(percents).toHaveLength(card('lesion-classification').labels.length);
  expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);

  // The mask is drawn: the overlay has outline (yellow) pixels, and the lesion covers a real area.
  const outlined = await page.getByTestId('lesion-overlay').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === 250 && data[i + 1] === 204 && data[i + 2] === 21) count++;
    return count;
  });
  expect(outlined).toBeGreaterThan(100);
  await expect(page.getByTestId('lesion-image-only')).toHaveCount(0);
  // A drawn lesion is unlike the classifier's training photos: the novelty model (novelty.json,
  // downloaded beside the classifier) says so above the probabilities.
  await expect(page.getByTestId('lesion-novelty-warning')).toContainText(
    /This photo is unlike the dermoscopy images the classifier was trained on .* distance \d+\.\d against \d+\.\d/,
  );

  // With an age, sex and site the shipped classifier's metadata fusion refines the diagnosis and
  // the photo-only diagnosis is shown beside it.
  const clinical = page.getByTestId('lesion-clinical');
  await clinical.getByLabel('Age (years)').fill('130');
  await chooseSyntheticLesion(page);
  await expect(page.getByTestId('lesion-status')).toContainText(
    'ageYears must be a number of years from 0 to 120',
  );
  await clinical.getByLabel('Age (years)').fill('72');
  await clinical.getByLabel('Sex').selectOption('male');
  await clinical.getByLabel('Body site').selectOption('face');
  await chooseSyntheticLesion(page);
  await expect(page.getByTestId('lesion-status')).toHaveText(
    'Analysed synthetic-lesion.png on this device.',
    {
      timeout: 90_000,
    },
  );
  await expect(page.getByText(/Class probabilities \(.+ \+ age, sex and site\)/)).toBeVisible();
  await expect(page.getByTestId('lesion-image-only')).toContainText(/The photo alone says .+ \(\d+\.\d%\)/);
  await screenshot(page, 'anonymous-demo-lesion');
  expectNoImageDataSent(network, new URL(baseURL!).origin);
});

test('a still photo shows the emotion of each face, without uploading it', async ({
  page,
  context,
  baseURL,
}) => {
  const network = recordNetwork(context);
  await openDemo(page);
  await page.getByTestId('fer-photo-input').setInputFiles(SAMPLE_FACES_PHOTO);
  await expect(page.getByTestId('fer-status')).toContainText('Photo analysed', { timeout: 90_000 });
  expect(Number(await page.getByTestId('fer-face-count').textContent())).toBeGreaterThanOrEqual(2);
  await screenshot(page, 'anonymous-demo-photo');
  expectNoImageDataSent(network, new URL(baseURL!).origin);
});

test('on request each photo face also gets the posed-expression SVM reading, computed in the browser', async ({
  page,
  context,
  baseURL,
}) => {
  const network = recordNetwork(context);
  await openDemo(page);
  const { name, version, labels, metrics } = card('fer-posed');
  const facts = page.getByTestId('model-facts-fer-posed');
  await expect(facts).toContainText(name);
  await expect(facts.getByTestId('model-version')).toHaveText(`version ${version}`);
  await expect(facts).toContainText(
    `accuracy ${((Object.values(metrics)[0].accuracy as number) * 100).toFixed(1)}%`,
  );
  await page.getByTestId('fer-posed-toggle').check();
  await page.getByTestId('fer-photo-input').setInputFiles(SAMPLE_FACES_PHOTO);
  await expect(page.getByTestId('fer-status')).toContainText('Photo analysed', { timeout: 90_000 });
  const faces = Number(await page.getByTestId('fer-face-count').textContent());
  expect(faces).toBeGreaterThanOrEqual(2);
  // One reading per face, each a class of the SVM (contempt included), and its time in the panel.
  await expect(page.getByTestId('fer-posed')).toHaveCount(faces);
  const names = labels.map((label) => label[0].toUpperCase() + label.slice(1));
  for (const label of await page.getByTestId('fer-posed-label').allTextContents()) {
    expect(names).toContain(label);
  }
  expect(Number(await page.getByTestId('fer-stats').getAttribute('data-posed-ms'))).toBeGreaterThan(0);
  // The svm.json and its feature CNN were downloaded from the portal's model assets.
  expect(network.requests.some((r) => r.url.includes(`/demo-assets/models/${name}/svm.json`))).toBe(true);
  await screenshot(page, 'anonymous-demo-photo-posed');
  // Turned off, the readings go; turned on again, the photo on screen is read again.
  await page.getByTestId('fer-posed-toggle').uncheck();
  await expect(page.getByTestId('fer-posed')).toHaveCount(0);
  await page.getByTestId('fer-posed-toggle').check();
  await expect(page.getByTestId('fer-posed')).toHaveCount(faces);
  expectNoImageDataSent(network, new URL(baseURL!).origin);
});

test('after one visit the demo works offline', async ({ page, context }) => {
  await openDemo(page);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  await chooseSyntheticLesion(page);
  await expect(page.getByTestId('lesion-status')).toContainText('Analysed', { timeout: 90_000 });
  // The service worker stores what the page loaded; wait until the models are in its cache.
  const modelUrls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => url.includes('/demo-assets/')),
  );
  expect(modelUrls.length).toBeGreaterThan(0);
  await expect
    .poll(() =>
      page.evaluate(async (urls) => {
        const found = await Promise.all(urls.map((url) => caches.match(url)));
        return found.every(Boolean);
      }, modelUrls),
    )
    .toBe(true);

  await context.setOffline(true);
  // The network really is gone, for the page and for the service worker's own fetches.
  expect(
    await page.evaluate(() =>
      fetch('/api/health').then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');
  expect(
    await page.evaluate(() =>
      fetch('/demo-assets/tfjs-wasm/tfjs-backend-wasm.wasm').then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');

  await page.reload();
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  await chooseSyntheticLesion(page);
  await expect(page.getByTestId('lesion-status')).toContainText('Analysed', { timeout: 90_000 });
  await expect(page.getByTestId('lesion-tds')).not.toBeEmpty();
  await context.setOffline(false);
});
