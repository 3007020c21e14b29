import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@visioncad/db';
import { modelClinicianAgreement } from './agreement';
import { parseAgreementFilters } from './agreement-filters';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

let test: TestDatabase;
let classifier: string;
let ferModel: string;

const LABELS = ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'];

async function analysedCase(
  db: Db,
  userId: string,
  options: {
    ref: string;
    site: string;
    visit: string;
    modelVersionId: string;
    outputs: object;
    kind?: 'DERMOSCOPY' | 'FACE';
  },
) {
  const patient = await db.patient.create({ data: { reference: options.ref } });
  const visit = await db.case.create({
    data: {
      patientId: patient.id,
      bodySite: options.site,
      visitDate: new Date(options.visit),
      createdById: userId,
    },
  });
  const image = await db.image.create({
    data: {
      caseId: visit.id,
      kind: options.kind ?? 'DERMOSCOPY',
      contentHash: options.ref,
      storageKey: options.ref,
      mimeType: 'image/png',
      byteSize: 1,
      width: 1,
      height: 1,
      uploadedById: userId,
    },
  });
  const analysis = await db.analysis.create({
    data: {
      imageId: image.id,
      modelVersionId: options.modelVersionId,
      task: 'lesion-classification',
      status: 'SUCCEEDED',
      outputs: options.outputs,
      finishedAt: new Date('2026-02-01T00:00:00Z'),
    },
  });
  return { caseId: visit.id, imageId: image.id, analysisId: analysis.id };
}

async function signOff(
  db: Db,
  userId: string,
  at: { caseId: string; imageId: string; analysisId: string | null },
  label: string,
  minute: number,
  extra: { amendsId?: string; agreement?: 'AGREE' | 'PARTIAL' | 'DISAGREE'; draft?: boolean } = {},
) {
  return db.review.create({
    data: {
      caseId: at.caseId,
      imageId: at.imageId,
      analysisId: at.analysisId,
      reviewerId: userId,
      label,
      agreement: extra.agreement ?? null,
      amendsId: extra.amendsId ?? null,
      signedOffAt: extra.draft ? null : new Date(Date.UTC(2026, 1, 2, 0, minute)),
    },
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  const { db } = test;
  const userId = test.clinician.id;
  const version = (name: string, task: string, labels: string[]) =>
    db.modelVersion.create({
      data: {
        name,
        version: '1.0.0',
        task,
        architecture: 'test',
        metrics: {},
        card: { labels },
        artifactPath: name,
      },
    });
  classifier = (await version('lesion-classifier', 'lesion-classification', LABELS)).id;
  ferModel = (await version('fer-model', 'fer', ['happy', 'sad'])).id;
  const derm = (topLabel: string, unusual?: boolean) => ({
    kind: 'DERMOSCOPY',
    topLabel,
    ...(unusual === undefined ? {} : { novelty: { distance: 1, threshold: 2, quantile: 0.95, unusual } }),
  });

  // Forearm, March: model mel / clinician mel (agree), model nv / clinician nv, model nv / clinician mel.
  const a = await analysedCase(db, userId, {
    ref: 'A',
    site: 'left forearm',
    visit: '2026-03-02T09:30:00Z',
    modelVersionId: classifier,
    outputs: derm('mel', false),
  });
  await signOff(db, userId, a, 'mel', 0, { agreement: 'AGREE' });
  const b = await analysedCase(db, userId, {
    ref: 'B',
    site: 'left forearm',
    visit: '2026-03-10T00:00:00Z',
    modelVersionId: classifier,
    outputs: derm('nv', false),
  });
  await signOff(db, userId, b, 'nv', 1, { agreement: 'AGREE' });
  const c = await analysedCase(db, userId, {
    ref: 'C',
    site: 'left forearm',
    visit: '2026-03-31T23:00:00Z',
    modelVersionId: classifier,
    outputs: derm('nv', true),
  });
  await signOff(db, userId, c, 'mel', 2, { agreement: 'DISAGREE' });

  // Back, April: first read as bcc, amended to nv (the amendment counts); a draft never counts.
  const d = await analysedCase(db, userId, {
    ref: 'D',
    site: 'upper back',
    visit: '2026-04-15T00:00:00Z',
    modelVersionId: classifier,
    outputs: derm('nv'),
  });
  const first = await signOff(db, userId, d, 'bcc', 3, { agreement: 'DISAGREE' });
  await signOff(db, userId, d, 'nv', 4, { agreement: 'AGREE', amendsId: first.id });
  await signOff(db, userId, d, 'df', 5, { draft: true });

  // Back, April, no agreement recorded (no analysis link): compared with the image's analysis.
  const e = await analysedCase(db, userId, {
    ref: 'E',
    site: 'upper back',
    visit: '2026-04-20T00:00:00Z',
    modelVersionId: classifier,
    outputs: derm('bkl'),
  });
  await signOff(db, userId, { ...e, analysisId: null }, 'atypical-nv', 6);

  // Faces: one face (counted for the FER model), two faces (left out).
  const f = await analysedCase(db, userId, {
    ref: 'F',
    site: 'face',
    visit: '2026-03-05T00:00:00Z',
    modelVersionId: ferModel,
    outputs: { kind: 'FACE', faces: [{ topLabel: 'happy' }] },
    kind: 'FACE',
  });
  await signOff(db, userId, f, 'happy', 7, { agreement: 'AGREE' });
  const g = await analysedCase(db, userId, {
    ref: 'G',
    site: 'face',
    visit: '2026-03-06T00:00:00Z',
    modelVersionId: ferModel,
    outputs: { kind: 'FACE', faces: [{ topLabel: 'happy' }, { topLabel: 'sad' }] },
    kind: 'FACE',
  });
  await signOff(db, userId, g, 'sad', 8);

  // An unlinked review signed off before the only analysis finished: the clinician never saw it.
  const late = await analysedCase(db, userId, {
    ref: 'I',
    site: 'scalp',
    visit: '2026-05-01T00:00:00Z',
    modelVersionId: classifier,
    outputs: derm('mel'),
  });
  await db.analysis.update({
    where: { id: late.analysisId },
    data: { finishedAt: new Date('2026-03-01T00:00:00Z') },
  });
  await signOff(db, userId, { ...late, analysisId: null }, 'mel', 9);

  // A signed-off review on a case with no analysis at all.
  const patient = await db.patient.create({ data: { reference: 'H' } });
  const h = await db.case.create({
    data: {
      patientId: patient.id,
      bodySite: 'upper back',
      visitDate: new Date('2026-04-01T00:00:00Z'),
      createdById: userId,
    },
  });
  await db.review.create({
    data: { caseId: h.id, reviewerId: userId, label: 'nv', signedOffAt: new Date('2026-04-02T00:00:00Z') },
  });
});

afterAll(async () => {
  await test.cleanup();
});

describe('modelClinicianAgreement', () => {
  it('compares every current signed-off reading with its analysis, per model version', async () => {
    const report = await modelClinicianAgreement({}, test.db);
    expect(report.readings).toBe(9);
    expect(report.superseded).toBe(1);
    expect(report.withoutModelLabel).toEqual({
      'no-analysis': 2,
      'no-label': 0,
      'no-face': 0,
      'several-faces': 1,
    });
    expect(report.versions.map((v) => v.modelVersion.name)).toEqual(['fer-model', 'lesion-classifier']);

    const lesion = report.versions[1];
    expect(lesion.agreement.n).toBe(5);
    expect(lesion.agreement.labels).toEqual([...LABELS, 'atypical-nv']);
    const cell = (clinician: string, model: string) =>
      lesion.agreement.confusionMatrix[lesion.agreement.labels.indexOf(clinician)][
        lesion.agreement.labels.indexOf(model)
      ];
    expect(cell('mel', 'mel')).toBe(1);
    expect(cell('mel', 'nv')).toBe(1);
    expect(cell('nv', 'nv')).toBe(2);
    expect(cell('atypical-nv', 'bkl')).toBe(1);
    expect(cell('bcc', 'nv')).toBe(0);
    expect(lesion.agreement.percentAgreement).toBeCloseTo(3 / 5, 12);
    // Clinician mel 2, nv 2, atypical-nv 1; model mel 1, nv 3, bkl 1: p_e = (2*1 + 2*3) / 25.
    expect(lesion.agreement.chanceAgreement).toBeCloseTo(8 / 25, 12);
    expect(lesion.agreement.kappa).toBeCloseTo((3 / 5 - 8 / 25) / (1 - 8 / 25), 12);
    expect(lesion.selfReported).toEqual({ AGREE: 3, PARTIAL: 0, DISAGREE: 1, none: 1 });
    // A and B (usual images) agree; C, flagged as unlike the training images, does not; D and E
    // come from analyses without a novelty verdict.
    expect(lesion.novelty).toEqual({
      unusual: { n: 1, percentAgreement: 0 },
      usual: { n: 2, percentAgreement: 1 },
      unjudged: 2,
    });

    const fer = report.versions[0];
    expect(fer.agreement.n).toBe(1);
    expect(fer.agreement.kappa).toBeNull();
    expect(fer.novelty).toBeNull();
  });

  it('filters by the case visit date (whole days) and body site', async () => {
    const march = await modelClinicianAgreement(
      parseAgreementFilters({ from: '2026-03-02', to: '2026-03-31' }),
      test.db,
    );
    expect(march.versions.map((v) => [v.modelVersion.name, v.agreement.n])).toEqual([
      ['fer-model', 1],
      ['lesion-classifier', 3],
    ]);
    const back = await modelClinicianAgreement(parseAgreementFilters({ bodySite: 'upper back' }), test.db);
    expect(back.versions.map((v) => [v.modelVersion.name, v.agreement.n])).toEqual([
      ['lesion-classifier', 2],
    ]);
    expect(back.superseded).toBe(1);
    const none = await modelClinicianAgreement(parseAgreementFilters({ from: '2027-01-01' }), test.db);
    expect(none.versions).toEqual([]);
    expect(none.readings).toBe(0);
  });

  it('keeps one model version when asked, and refuses an unknown one', async () => {
    const only = await modelClinicianAgreement(parseAgreementFilters({ model: ferModel }), test.db);
    expect(only.versions.map((v) => v.modelVersion.name)).toEqual(['fer-model']);
    await expect(modelClinicianAgreement({ modelVersionId: 'nope' }, test.db)).rejects.toMatchObject({
      status: 400,
      field: 'model',
    });
  });
});

describe('parseAgreementFilters', () => {
  it('names the field of a bad value', () => {
    expect(() => parseAgreementFilters({ from: '2026-02-30' })).toThrow('from must be a calendar date');
    expect(() => parseAgreementFilters({ from: '2026-03-02', to: '2026-03-01' })).toThrow('is after to');
    expect(() => parseAgreementFilters({ bodySite: 'moon' })).toThrow(
      'bodySite "moon" is not a listed body site',
    );
  });
});
