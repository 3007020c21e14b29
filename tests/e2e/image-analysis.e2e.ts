import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dermoscopyPng, faceSamplePath } from '../../apps/web/src/server/analysis-fixtures.test-support';
import { SAMPLE } from './fixtures/sample-data-names';
import { screenshot, signInWithApi, signInWithForm } from './support/portal';

// The analysis workflow in a real browser, with the shipped models (the e2e fixtures copy them
// into the suite's models folder): upload → analysis on the server → overlays → review → report.
// The file name sorts after data-pages.e2e.ts on purpose: that one counts the fixture's analyses.

// Model loading plus the first analysis take a while on a shared CPU.
test.setTimeout(180_000);

async function createCase(
  page: Page,
  reference: string,
  visitDate: string,
  patient: { age: string; sex: string } | null = null,
): Promise<string> {
  await page.goto('/cases/new');
  await page.getByLabel('Patient reference').fill(reference);
  await page.getByLabel('Body site').selectOption('upper back');
  if (patient) {
    await page.getByLabel('Patient age (years)').fill(patient.age);
    await page.getByLabel('Patient sex').selectOption(patient.sex);
  }
  await page.getByLabel('Visit date').fill(visitDate);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference);
  return new URL(page.url()).pathname.split('/').pop() as string;
}

async function upload(page: Page, name: string, buffer: Buffer, kind = 'Dermoscopy', pxPerMm = '') {
  await page
    .getByLabel(/^Image \(JPEG, PNG, BMP or TIFF/)
    .setInputFiles({ name, mimeType: 'image/png', buffer });
  await page.getByLabel('Kind').selectOption({ label: kind });
  if (pxPerMm) await page.getByLabel('Scale (px per mm, optional)').fill(pxPerMm);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status')).toHaveText(`${name} was uploaded.`);
}

/** Waits for the card's analysis to finish (the page refreshes itself while it runs). */
async function analysisOf(page: Page, name: string) {
  const card = page.getByTestId('case-image').filter({ hasText: name });
  await expect(card.getByTestId('analysis')).toHaveAttribute('data-status', /SUCCEEDED|FAILED/, {
    timeout: 150_000,
  });
  return card;
}

test('a dermoscopy upload is analysed: mask overlay with toggle and opacity, ABCD, TDS band, probabilities, Grad-CAM', async ({
  page,
}) => {
  await signInWithForm(page, 'CLINICIAN');
  await createCase(page, 'E2E-ANALYSIS-0001', '2026-10-01', { age: '67', sex: 'female' });
  await expect(page.getByTestId('case-age-sex')).toHaveText('67 y · female');
  await upload(page, 'ph2-like.png', await dermoscopyPng(), 'Dermoscopy', '20');
  const card = await analysisOf(page, 'ph2-like.png');
  await expect(card.getByTestId('analysis')).toHaveAttribute('data-status', 'SUCCEEDED');

  // The overlay is an image-sized PNG that really loaded.
  const mask = card.getByTestId('mask-layer');
  await expect(mask).toBeVisible();
  await expect.poll(() => mask.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(768);
  await expect(card.getByTestId('top-diagnosis')).not.toBeEmpty();
  // The case's age, sex and site (upper back: HAM10000's "back") refine the diagnosis; the image-only
  // one is shown beside it.
  await expect(card.getByText('Diagnosis (image + age, sex and site)')).toBeVisible();
  await expect(card.getByTestId('image-only-diagnosis')).toContainText(
    /Image alone: .+ \d+\.\d% · clinical data used: 67 y · female · site: back/,
  );
  // A drawn lesion is unlike the classifier's HAM10000 training photos: its novelty model says so.
  await expect(card.getByTestId('image-novelty-warning')).toContainText(
    /This image is unlike the images the classifier was trained on .* distance \d+\.\d against \d+\.\d, which 5% of its validation images exceed/,
  );
  await expect(card.getByTestId('tds-band')).toContainText(
    /TDS \d+\.\d\d · (Benign|Suspicious|Highly suspicious)/,
  );
  const abcd = card.getByRole('table', { name: 'ABCD values' });
  await expect(abcd).toContainText('Asymmetry');
  await expect(abcd).toContainText(/\d+\.\d mm · \d+ px/);
  const probabilities = card.getByRole('table', { name: 'Diagnosis probabilities' });
  await expect(probabilities.getByRole('row')).toHaveCount(7);
  await expect(probabilities.locator('tr[data-top="true"]')).toHaveCount(1);
  await expect(card.getByTestId('model-version')).toContainText(
    SAMPLE.shippedModels['lesion-classification'],
  );
  await expect(card.getByTestId('model-version')).toContainText('lesion-segmentation-unet');
  await screenshot(page, 'clinician-case-analysis');

  const opacity = card.getByRole('slider');
  await opacity.fill('30');
  await expect(mask).toHaveCSS('opacity', '0.3');
  await card.getByLabel('Lesion mask').uncheck();
  await expect(card.getByTestId('mask-layer')).toHaveCount(0);
  await expect(opacity).toBeDisabled();
  await card.getByLabel('Lesion mask').check();
  await expect(card.getByTestId('mask-layer')).toBeVisible();
  await card.getByLabel('Grad-CAM heat map').check();
  const heat = card.getByTestId('heat-map-layer');
  await expect.poll(() => heat.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(768);
  await screenshot(page, 'clinician-case-analysis-heat-map');

  // Sign off a review that agrees with the model.
  const form = page.getByRole('form', { name: 'Record a review' });
  await form.getByLabel('Diagnosis').selectOption('nv');
  await form.getByLabel('Agreement with the model').selectOption('PARTIAL');
  await form.getByLabel('Comment').fill('Symmetric, regular network; follow up in 3 months.');
  await form.getByLabel(/Sign off now/).check();
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByTestId('review')).toContainText('Signed off');

  // The printable report: overlays, measurements, probabilities, model version, sign-off, disclaimer.
  await page.getByRole('link', { name: 'Printable report' }).click();
  const report = page.getByRole('article', { name: 'Case report' });
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('E2E-ANALYSIS-0001');
  await expect(report.getByTestId('report-disclaimer')).toContainText('Decision support, not a diagnosis.');
  const section = report.getByTestId('report-image');
  await expect(section).toHaveCount(1);
  await expect(section.getByRole('table', { name: 'ABCD values' })).toContainText(/mm/);
  await expect(section.getByRole('table', { name: 'Diagnosis probabilities' }).getByRole('row')).toHaveCount(
    7,
  );
  await expect(section.getByTestId('model-version')).toContainText(
    SAMPLE.shippedModels['lesion-classification'],
  );
  const overlay = section.getByRole('img', { name: 'ph2-like.png with the lesion mask' });
  await expect
    .poll(() => overlay.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBe(768);
  await expect(report.getByTestId('report-reviews')).toContainText(
    'Melanocytic nevus — partly agrees with the model',
  );
  await expect(report.getByTestId('report-reviews')).toContainText('Signed off by');
  await screenshot(page, 'clinician-case-report');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.getByTestId('current-user')).toBeHidden();
  await screenshot(page, 'clinician-case-report-print');
});

test('a face photo is analysed: a box and emotion probabilities per face', async ({ page }) => {
  await signInWithForm(page, 'CLINICIAN');
  await createCase(page, 'E2E-FACE-0001', '2026-10-02');
  await upload(page, 'faces.jpg', readFileSync(faceSamplePath()), 'Face');
  const card = await analysisOf(page, 'faces.jpg');
  await expect(card.getByTestId('analysis')).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(card.getByTestId('face-count')).toHaveText('3 faces found.');
  await expect(card.getByTestId('face-box')).toHaveCount(3);
  await expect(card.getByTestId('face-result')).toHaveCount(3);
  await expect(card.getByRole('table', { name: 'Emotions of face 1' }).getByRole('row')).toHaveCount(7);
  await expect(card.getByTestId('model-version')).toContainText(SAMPLE.shippedModels['fer-ensemble']);
  // The posed-expression SVM's second reading, folded under each face until opened.
  const posed = card.getByTestId('face-posed');
  await expect(posed).toHaveCount(3);
  await expect(posed.first()).toContainText('Posed-expression model:');
  await posed.first().locator('summary').click();
  await expect(posed.first()).toContainText(SAMPLE.shippedModels['fer-posed']);
  const posedTable = card.getByRole('table', { name: 'Posed expressions of face 1' });
  await expect(posedTable.getByRole('row')).toHaveCount(7);
  await expect(posedTable).toContainText('Contempt');
  await screenshot(page, 'clinician-case-face-analysis');
});

/** Two seconds of face-api's sample photo as an MP4 (ffmpeg), or null where ffmpeg is missing. */
function faceVideo(): Buffer | null {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'visioncad-e2e-video-')), 'faces.mp4');
  try {
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-loop',
      '1',
      '-i',
      faceSamplePath(),
      '-t',
      '2',
      '-r',
      '5',
    ];
    args.push('-vf', 'scale=640:-2', '-c:v', 'mpeg4', '-q:v', '3', file);
    execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', args, { stdio: 'ignore' });
    return readFileSync(file);
  } catch {
    return null;
  }
}

test('a short face video becomes an emotion timeline, one column per half second', async ({ page }) => {
  const video = faceVideo();
  test.skip(video === null, 'ffmpeg is not installed');
  await signInWithForm(page, 'CLINICIAN');
  await createCase(page, 'E2E-VIDEO-0001', '2026-10-04');
  await page
    .getByLabel(/^Image \(JPEG, PNG, BMP or TIFF/)
    .setInputFiles({ name: 'faces.mp4', mimeType: 'video/mp4', buffer: video! });
  await page.getByLabel('Kind').selectOption({ label: 'Face video' });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status')).toHaveText('faces.mp4 (4 frames) was uploaded.');
  const card = page.getByTestId('case-video');
  await expect(card.getByTestId('video-progress')).toContainText('4 of 4 frames analysed', {
    timeout: 150_000,
  });
  await expect(card.getByTestId('video-progress')).toContainText('a face in 4');
  await expect(
    card.getByRole('table', { name: 'Emotion timeline' }).getByTestId('timeline-cell'),
  ).toHaveCount(7 * 4);
  await expect(card.getByTestId('face-box')).toHaveCount(3);
  await screenshot(page, 'clinician-case-video-timeline');

  // A file that is not a video is refused by content, naming it; the stored video stays.
  await page
    .getByLabel(/^Image \(JPEG, PNG, BMP or TIFF/)
    .setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from('a letter, not a video') });
  await page.getByLabel('Kind').selectOption({ label: 'Face video' });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('clip.mp4 is not an MP4, MOV, WebM or AVI video.');
  await expect(page.getByTestId('case-video')).toHaveCount(1);
});

test('the analysis API answers per image and case, refuses bad input, and retries only failed runs', async ({
  request,
}) => {
  await signInWithApi(request, 'CLINICIAN');
  const created = await request.post('/api/cases', {
    data: { patientReference: 'E2E-API-0300', bodySite: 'chest', visitDate: '2026-10-03' },
  });
  const caseId = (await created.json()).case.id as string;
  const uploaded = await request.post(`/api/cases/${caseId}/images`, {
    multipart: {
      kind: 'DERMOSCOPY',
      file: { name: 'api.png', mimeType: 'image/png', buffer: await dermoscopyPng(256, 192) },
    },
  });
  expect(uploaded.status()).toBe(201);
  const body = await uploaded.json();
  expect(body.analysis).toMatchObject({ status: 'PENDING', task: 'lesion-classification' });
  const analysisId = body.analysis.id as string;

  await expect
    .poll(async () => (await (await request.get(`/api/analyses/${analysisId}`)).json()).analysis.status, {
      timeout: 150_000,
    })
    .toBe('SUCCEEDED');
  const analysis = (await (await request.get(`/api/analyses/${analysisId}`)).json()).analysis;
  expect(analysis.modelVersion).toMatchObject({
    name: SAMPLE.shippedModels['lesion-classification'],
    task: 'lesion-classification',
  });
  expect(analysis.outputs.abcd.band).toMatch(/benign|suspicious|highly_suspicious/);
  const png = await request.get(analysis.artifacts['mask-overlay']);
  expect(png.headers()['content-type']).toBe('image/png');

  const perImage = await (await request.get(`/api/images/${body.image.id}/analyses`)).json();
  expect(perImage.analyses.map((a: { id: string }) => a.id)).toEqual([analysisId]);
  const perCase = await (await request.get(`/api/cases/${caseId}/analyses`)).json();
  expect(perCase.images[0].analyses[0].id).toBe(analysisId);

  const retry = await request.post(`/api/analyses/${analysisId}/retry`);
  expect(retry.status()).toBe(409);
  expect((await retry.json()).error).toContain('Only a failed analysis can be retried');
  const badScale = await request.post(`/api/images/${body.image.id}/analyses`, { data: { pxPerMm: -3 } });
  expect(badScale.status()).toBe(400);
  expect(await badScale.json()).toMatchObject({ field: 'pxPerMm' });
  expect((await request.get('/api/analyses/nope')).status()).toBe(404);
  expect((await request.get(`/api/analyses/${analysisId}/artifacts/secret`)).status()).toBe(404);

  const doc = await (await request.get('/api/openapi.json')).json();
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/images/{id}/analyses',
      '/api/analyses/{id}/retry',
      '/api/cases/{id}/analyses',
    ]),
  );
});

test('the analysis API is for clinicians: 401 without a session, 403 for an analyst', async ({
  playwright,
  baseURL,
}) => {
  const paths = [
    '/api/analyses/any',
    '/api/images/any/analyses',
    '/api/cases/any/analyses',
    '/api/images/any/lesion',
  ];
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of paths) expect((await anonymous.get(path)).status()).toBe(401);
  expect((await anonymous.post('/api/analyses/any/retry')).status()).toBe(401);
  const analyst = await playwright.request.newContext({ baseURL });
  await signInWithApi(analyst, 'ANALYST');
  for (const path of paths) {
    const response = await analyst.get(path);
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toContain('ANALYST');
  }
  expect((await analyst.post('/api/analyses/any/retry')).status()).toBe(403);
  await Promise.all([anonymous.dispose(), analyst.dispose()]);
});

test('a failed analysis keeps the image and case, says why, and the Retry button runs it again', async ({
  page,
}) => {
  // The suite's portal stores files under $VISIONCAD_DATA_DIR/storage (scripts/e2e.mjs sets it).
  const dataDir = process.env.VISIONCAD_DATA_DIR;
  test.skip(!dataDir, 'needs the suite data directory (run through scripts/e2e.mjs)');
  await signInWithForm(page, 'CLINICIAN');
  const caseId = await createCase(page, 'E2E-RETRY-0001', '2026-10-05');
  const bytes = await dermoscopyPng(320, 240, { cx: 0.45, cy: 0.55, radius: 0.22 });
  await upload(page, 'damaged-later.png', bytes);
  await analysisOf(page, 'damaged-later.png');

  // Damage the stored file, as a failing disk would, and ask for the analysis again.
  const detail = await (await page.request.get(`/api/cases/${caseId}`)).json();
  const stored = path.join(dataDir!, 'storage', ...(detail.case.images[0].storageKey as string).split('/'));
  writeFileSync(stored, bytes.subarray(0, 300));
  const card = page.getByTestId('case-image').filter({ hasText: 'damaged-later.png' });
  await card.getByText('Analyse again (e.g. with the image scale)').click();
  await card.getByRole('button', { name: 'Analyse again', exact: true }).click();
  await expect(card.getByTestId('analysis')).toHaveAttribute('data-status', 'FAILED', { timeout: 150_000 });
  await expect(card.getByTestId('analysis-error')).toContainText('damaged-later.png');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E-RETRY-0001');
  await screenshot(page, 'clinician-case-analysis-failed');

  // The file is back: Retry makes a new analysis that succeeds; the failed one stays on record.
  writeFileSync(stored, bytes);
  await card.getByRole('button', { name: 'Retry analysis' }).click();
  await expect(card.getByTestId('analysis')).toHaveAttribute('data-status', 'SUCCEEDED', {
    timeout: 150_000,
  });
  await expect(card.getByText(/Earlier analyses \(2\)/)).toBeVisible();
  const history = await (await page.request.get(`/api/images/${detail.case.images[0].id}/analyses`)).json();
  expect(history.analyses.map((a: { status: string }) => a.status)).toEqual([
    'SUCCEEDED',
    'FAILED',
    'SUCCEEDED',
  ]);
});
