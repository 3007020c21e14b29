import { expect, test, type Page } from '@playwright/test';
import { lesionPng, pngClaiming, truncated } from '../../apps/web/src/server/synthetic-images.test-support';
import { screenshot, signInWithApi, signInWithForm } from './support/portal';

// The clinician's workflow in a real browser: open a case, upload, review and sign off; bad uploads
// are refused with a message naming the file while the case and its earlier images stay intact.
// The file sorts after data-pages.e2e.ts on purpose: that one counts only the fixture's reviews.

async function createCase(page: Page, reference: string): Promise<string> {
  await page.goto('/cases');
  await page.getByRole('link', { name: 'New case' }).click();
  await expect(page).toHaveURL('/cases/new');
  await page.getByLabel('Patient reference').fill(reference);
  await page.getByLabel('Body site').selectOption('left forearm');
  await page.getByLabel('Visit date').fill('2026-11-20');
  await page.getByLabel('Patient age (years)').fill('58');
  await page.getByLabel('Patient sex').selectOption('male');
  await page.getByLabel('Clinical notes').fill('Changing pigmented lesion, 6 mm.');
  await screenshot(page, 'clinician-new-case');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference);
  return page.url();
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.getByLabel(/^Image \(JPEG, PNG, BMP or TIFF/).setInputFiles({ name, mimeType, buffer });
  await page.getByRole('button', { name: 'Upload' }).click();
}

test('a clinician creates a case, uploads an image and signs off a review that then cannot change', async ({
  page,
}) => {
  await signInWithForm(page, 'CLINICIAN');
  const caseUrl = await createCase(page, 'E2E-FLOW-0001');
  await expect(page.getByText('Changing pigmented lesion, 6 mm.')).toBeVisible();

  await upload(page, 'lesion.png', 'image/png', await lesionPng(320, 240));
  await expect(page.getByRole('status')).toHaveText('lesion.png was uploaded.');
  const image = page.getByTestId('case-image');
  await expect(image).toHaveCount(1);
  await expect(image).toContainText('320×240');
  const img = image.getByRole('img', { name: 'lesion.png' });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(320);
  await screenshot(page, 'clinician-case-with-image');

  const form = page.getByRole('form', { name: 'Record a review' });
  await form.getByLabel('Diagnosis').selectOption('nv');
  await form.getByLabel('Comment').fill('Regular network, symmetric.');
  await form.getByLabel(/Sign off now/).check();
  await form.getByRole('button', { name: 'Save review' }).click();

  const review = page.getByTestId('review');
  await expect(review).toHaveCount(1);
  await expect(review).toContainText('Melanocytic nevus');
  await expect(review).toContainText('Signed off');
  await expect(review).toContainText('Regular network, symmetric.');
  await expect(review.getByRole('form', { name: 'Edit draft review' })).toHaveCount(0);
  await expect(page.getByText('Reviewed', { exact: true })).toBeVisible();
  await screenshot(page, 'clinician-case-signed-review');

  // The API refuses to change it too.
  const caseId = new URL(caseUrl).pathname.split('/').pop() as string;
  const detail = await (await page.request.get(`/api/cases/${caseId}`)).json();
  const reviewId = detail.case.reviews[0].id as string;
  const change = await page.request.patch(`/api/cases/${caseId}/reviews/${reviewId}`, {
    data: { label: 'mel' },
  });
  expect(change.status()).toBe(409);
  expect((await change.json()).error).toContain('was signed off and cannot change');
  await page.reload();
  await expect(page.getByTestId('review')).toContainText('Melanocytic nevus');

  await page.goto('/cases');
  const filters = page.getByRole('form', { name: 'Filter cases' });
  await filters.getByLabel('Signed-off review').selectOption('yes');
  await filters.getByLabel('Body site').selectOption('left forearm');
  await filters.getByRole('button', { name: 'Filter' }).click();
  const rows = page.getByRole('table', { name: 'Cases' }).getByRole('row');
  await expect(rows.filter({ hasText: 'E2E-FLOW-0001' })).toContainText('Reviewed');
  await screenshot(page, 'clinician-cases-filtered');
});

test('a clinician corrects a case’s details; a bad value is named and changes nothing; sign-off ends editing', async ({
  page,
}) => {
  await signInWithForm(page, 'CLINICIAN');
  const caseUrl = await createCase(page, 'E2E-EDIT-0003');
  const caseId = new URL(caseUrl).pathname.split('/').pop() as string;
  await page.getByRole('link', { name: 'Edit details' }).click();
  await expect(page).toHaveURL(`/cases/${caseId}/edit`);
  // The form starts from the stored values.
  await expect(page.getByLabel('Body site')).toHaveValue('left forearm');
  await expect(page.getByLabel('Patient age (years)')).toHaveValue('58');
  await page.getByLabel('Visit date').fill('2099-01-01');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByTestId('form-error')).toContainText('visitDate 2099-01-01 is in the future');
  await page.getByLabel('Body site').selectOption('upper back');
  await page.getByLabel('Patient age (years)').fill('61');
  await page.getByLabel('Patient sex').selectOption('');
  await page.getByLabel('Visit date').fill('2026-11-19');
  await screenshot(page, 'clinician-edit-case');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page).toHaveURL(caseUrl);
  await expect(page.getByTestId('case-age-sex')).toHaveText('61 y · sex not recorded');
  await expect(page.getByText('upper back', { exact: true })).toBeVisible();

  // The API edits only the fields sent; the patient reference is not a detail.
  const changed = await (
    await page.request.patch(`/api/cases/${caseId}`, { data: { clinicalNotes: '' } })
  ).json();
  expect(changed.case.clinicalNotes).toBeNull();
  const refused = await page.request.patch(`/api/cases/${caseId}`, { data: { patientReference: 'PT-0001' } });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).field).toBe('patientReference');

  await page.reload();
  const form = page.getByRole('form', { name: 'Record a review' });
  await form.getByLabel('Diagnosis').selectOption('nv');
  await form.getByLabel(/Sign off now/).check();
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByTestId('review')).toContainText('Signed off');
  await expect(page.getByRole('link', { name: 'Edit details' })).toHaveCount(0);
  const late = await page.request.patch(`/api/cases/${caseId}`, { data: { patientAgeYears: 62 } });
  expect(late.status()).toBe(409);
  expect((await late.json()).error).toMatch(/was signed off on .* new review/);

  // The admin's audit log shows each change as old → new.
  await page.context().clearCookies();
  await signInWithForm(page, 'ADMIN');
  await page.goto('/admin?action=case.update');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log).toContainText('bodySite: left forearm → upper back');
  await expect(log).toContainText('patientSex: male → —');
  await expect(log).toContainText('clinicalNotes: Changing pigmented lesion, 6 mm. → —');
  await screenshot(page, 'admin-audit-case-update');
});

test('bad uploads are refused with a message naming the file; the case and earlier images stay', async ({
  page,
}) => {
  await signInWithForm(page, 'CLINICIAN');
  await createCase(page, 'E2E-BAD-0002');
  await upload(page, 'first.png', 'image/png', await lesionPng(120, 90));
  await expect(page.getByTestId('case-image')).toHaveCount(1);

  const bad: [string, string, Buffer, RegExp][] = [
    [
      'notes.jpg',
      'image/jpeg',
      Buffer.from('clinic letter, not a picture\n'),
      /notes\.jpg is not a JPEG, PNG, BMP or TIFF image/,
    ],
    ['cut.png', 'image/png', truncated(await lesionPng(320, 240)), /cut\.png is a truncated PNG/],
    ['empty.png', 'image/png', Buffer.alloc(0), /empty\.png is empty \(0 bytes\)/],
    ['bomb.png', 'image/png', pngClaiming(100_000, 100_000), /bomb\.png declares 100000x100000 pixels/],
  ];
  for (const [name, mimeType, buffer, message] of bad) {
    await upload(page, name, mimeType, buffer);
    await expect(page.getByTestId('form-error')).toHaveText(message);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E-BAD-0002');
    await expect(page.getByTestId('case-image')).toHaveCount(1);
    await expect(page.getByTestId('case-image')).toContainText('first.png');
  }
  await screenshot(page, 'clinician-case-upload-refused');
});

test('the cases API creates, validates, filters and pages; the OpenAPI document describes it', async ({
  request,
}) => {
  await signInWithApi(request, 'CLINICIAN');
  const bad = await request.post('/api/cases', {
    data: { patientReference: 'Jane Doe', bodySite: 'chest', visitDate: '2026-11-01' },
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    field: 'patientReference',
    error: expect.stringContaining('never a name'),
  });

  const created = await request.post('/api/cases', {
    data: { patientReference: 'e2e-api-0003', bodySite: 'chest', visitDate: '2026-11-01' },
  });
  expect(created.status()).toBe(201);
  const { case: made } = await created.json();

  const upload = await request.post(`/api/cases/${made.id}/images`, {
    multipart: {
      kind: 'DERMOSCOPY',
      file: { name: 'api.png', mimeType: 'image/png', buffer: await lesionPng(64, 48) },
    },
  });
  expect(upload.status()).toBe(201);
  const { image } = await upload.json();
  // Bodies past the proxy's default 10 MB buffer still arrive whole; past 25 MB they are refused.
  const twelveMb = Buffer.concat([pngClaiming(64, 64).subarray(0, 33), Buffer.alloc(12 * 1024 * 1024, 7)]);
  const big = await request.post(`/api/cases/${made.id}/images`, {
    multipart: { kind: 'DERMOSCOPY', file: { name: 'big.png', mimeType: 'image/png', buffer: twelveMb } },
  });
  expect(big.status()).toBe(400);
  expect((await big.json()).error).toMatch(/^big\.png (is a truncated PNG|could not be decoded as PNG)/);
  const tooBig = await request.post(`/api/cases/${made.id}/images`, {
    multipart: {
      kind: 'DERMOSCOPY',
      file: { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(26 * 1024 * 1024, 1) },
    },
  });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).error).toMatch(/the limit is 25 MB/);

  const served = await request.get(`/api/images/${image.id}`);
  expect(served.headers()['content-type']).toBe('image/png');

  const list = await (await request.get('/api/cases?bodySite=chest&reviewed=no&limit=1')).json();
  expect(list.cases[0].patient.reference).toBe('E2E-API-0003');
  expect((await request.get('/api/cases?status=DONE')).status()).toBe(400);

  const spec = await (await request.get('/api/openapi.json')).json();
  expect(spec.openapi).toBe('3.1.0');
  expect(Object.keys(spec.paths)).toEqual(
    expect.arrayContaining([
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/images',
      '/api/images/{id}',
      '/api/cases/{id}/reviews',
    ]),
  );
  expect(Object.keys(spec.paths['/api/cases/{id}'])).toEqual(['get', 'patch', 'post']);
  expect(spec.components.schemas.CaseDetails.properties).not.toHaveProperty('patientReference');
});
