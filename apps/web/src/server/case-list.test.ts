import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaseListQuery, type CaseListQuery } from './case-list-query';
import { listCases } from './case-records';
import { caseVerdictOptions, verdictText } from './case-verdict-options';
import { ServiceError } from './service-error';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

const VERDICTS = ['mel', 'nv', 'happy', 'no-face'];

function refusal(run: () => unknown): ServiceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected a ServiceError');
}

describe('parseCaseListQuery: verdict', () => {
  it('takes a verdict the models can give, and "none" as no finished analysis', () => {
    expect(parseCaseListQuery({ verdict: 'mel' }, VERDICTS).modelVerdict).toBe('mel');
    expect(parseCaseListQuery({ verdict: ' happy ' }, VERDICTS).modelVerdict).toBe('happy');
    expect(parseCaseListQuery({ verdict: 'none' }, VERDICTS).modelVerdict).toBeNull();
    expect(parseCaseListQuery({ verdict: '' }, VERDICTS).modelVerdict).toBeUndefined();
    expect(parseCaseListQuery({}, VERDICTS).modelVerdict).toBeUndefined();
  });

  it('refuses any other value with a 400 naming verdict and listing what it takes', () => {
    for (const bad of ['melanoma', 'MEL', 'nothing']) {
      const error = refusal(() => parseCaseListQuery({ verdict: bad }, VERDICTS));
      expect(error.status).toBe(400);
      expect(error.field).toBe('verdict');
      expect(error.message).toContain(`"${bad}"`);
      expect(error.message).toContain('mel, nv, happy, no-face, none');
    }
  });

  it('still checks the other filters', () => {
    expect(refusal(() => parseCaseListQuery({ reviewed: 'maybe' }, VERDICTS)).field).toBe('reviewed');
    expect(refusal(() => parseCaseListQuery({ cursor: 'x' }, VERDICTS)).field).toBe('cursor');
  });
});

describe('the case list filtered by model verdict', () => {
  let t: TestDatabase;
  const query = (params: Record<string, string>): CaseListQuery => parseCaseListQuery(params, VERDICTS);

  beforeAll(async () => {
    t = await createTestDatabase();
    const patient = await t.db.patient.create({ data: { reference: 'PT-0001' } });
    // 30 cases on 30 days: verdict mel for k % 3 == 0, nv for 1, none for 2; site alternates.
    await t.db.case.createMany({
      data: Array.from({ length: 30 }, (_, k) => ({
        id: `case${String(k).padStart(2, '0')}`,
        patientId: patient.id,
        visitDate: new Date(Date.UTC(2026, 0, 1 + k)),
        bodySite: k % 2 === 0 ? 'scalp' : 'face',
        status: k % 2 === 0 ? ('ANALYZED' as const) : ('OPEN' as const),
        modelVerdict: [`mel`, 'nv', null][k % 3],
        createdById: t.clinician.id,
      })),
    });
  });
  afterAll(() => t.cleanup());

  it('returns only cases with that verdict, newest first, with the verdict on each row', async () => {
    const page = await listCases(query({ verdict: 'mel' }), t.clinician, t.db);
    expect(page.total).toBe(10);
    expect(page.cases.map((row) => row.id)).toEqual(
      [27, 24, 21, 18, 15, 12, 9, 6, 3, 0].map((k) => `case${String(k).padStart(2, '0')}`),
    );
    expect(page.cases.every((row) => row.modelVerdict === 'mel')).toBe(true);
    const none = await listCases(query({ verdict: 'none' }), t.clinician, t.db);
    expect(none.total).toBe(10);
    expect(none.cases.every((row) => row.modelVerdict === null)).toBe(true);
    expect((await listCases(query({ verdict: 'happy' }), t.clinician, t.db)).total).toBe(0);
  });

  it('composes with the other filters and pages by cursor without repeats or gaps', async () => {
    const both = await listCases(query({ verdict: 'nv', bodySite: 'face' }), t.clinician, t.db);
    // nv: k % 3 == 1; face: odd k → k in 1, 7, 13, 19, 25.
    expect(both.cases.map((row) => row.id)).toEqual(['case25', 'case19', 'case13', 'case07', 'case01']);
    expect(both.total).toBe(5);

    const seen: string[] = [];
    let params: Record<string, string> = { verdict: 'nv', limit: '3' };
    for (;;) {
      const page = await listCases(query(params), t.clinician, t.db);
      expect(page.total).toBe(10);
      seen.push(...page.cases.map((row) => row.id));
      if (!page.nextCursor) break;
      params = { verdict: 'nv', limit: '3', cursor: page.nextCursor };
    }
    expect(seen).toEqual(
      [28, 25, 22, 19, 16, 13, 10, 7, 4, 1].map((k) => `case${String(k).padStart(2, '0')}`),
    );
  });

  it('records the verdict filter in the audit log', async () => {
    await listCases(query({ verdict: 'none' }), t.clinician, t.db);
    const entry = await t.db.auditLog.findFirstOrThrow({
      where: { action: 'case.list' },
      orderBy: { at: 'desc' },
    });
    expect(entry.details).toMatchObject({ verdict: 'none' });
  });
});

describe('caseVerdictOptions', () => {
  let t: TestDatabase;
  let modelsDir: string;

  function writeCard(name: string, task: string, labels: string[]): void {
    mkdirSync(path.join(modelsDir, name), { recursive: true });
    writeFileSync(
      path.join(modelsDir, name, 'card.json'),
      JSON.stringify({
        name,
        version: '1.0.0',
        task,
        architecture: 'test',
        labels,
        input: { width: 48, height: 48, channels: 1, preprocessing: [] },
        data: { dataset: 'none', split: 'none', trainSize: 0, testSize: 0 },
        command: 'test',
        seed: 0,
        metrics: {},
        limits: [],
        training: { epochs: 0, backend: 'none', durationSeconds: 0, parameters: 0, optimizer: 'none' },
        weights: { quantization: 'none', bytes: 0 },
        createdAt: '2026-11-24T00:00:00Z',
      }),
    );
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    modelsDir = path.join(t.dir, 'models');
    writeCard('lesion-test', 'lesion-classification', ['mel', 'nv']);
    writeCard('fer-test', 'fer', ['happy', 'sad']);
    writeCard('fer-other', 'fer', ['positive', 'negative']);
    writeFileSync(
      path.join(modelsDir, 'registry.json'),
      JSON.stringify({
        tasks: {
          'lesion-classification': { model: 'lesion-test' },
          fer: { model: 'fer-test' },
          'fer-4class': { model: 'fer-other' },
        },
      }),
    );
  });
  afterAll(() => t.cleanup());

  it('offers the production models’ card labels by task, then no face and no analysis', async () => {
    const options = await caseVerdictOptions(t.db, modelsDir);
    expect(options.values).toEqual(['mel', 'nv', 'happy', 'sad', 'no-face']);
    expect(options.groups.map((group) => group.title)).toEqual(['Lesion diagnosis', 'Emotion', 'Other']);
    expect(options.groups[0].options[0]).toEqual({ value: 'mel', text: 'Melanoma (mel)' });
    expect(options.groups[2].options).toEqual([
      { value: 'no-face', text: 'No face found' },
      { value: 'none', text: 'No analysis yet' },
    ]);
  });

  it('adds the labels of a model version that produced a result here', async () => {
    const image = await t.db.image.create({
      data: {
        case: {
          create: {
            patient: { create: { reference: 'PT-0002' } },
            visitDate: new Date(),
            createdBy: { connect: { id: t.clinician.id } },
          },
        },
        kind: 'FACE',
        contentHash: 'h',
        storageKey: 's',
        mimeType: 'image/png',
        byteSize: 1,
        width: 1,
        height: 1,
        uploadedBy: { connect: { id: t.clinician.id } },
      },
    });
    const old = await t.db.modelVersion.create({
      data: {
        name: 'fer-old',
        version: '0.1.0',
        task: 'fer',
        architecture: 'test',
        metrics: {},
        card: { labels: ['happy', 'contempt'] },
        artifactPath: 'fer-old',
      },
    });
    await t.db.analysis.create({
      data: { imageId: image.id, modelVersionId: old.id, task: 'fer', status: 'SUCCEEDED' },
    });
    const options = await caseVerdictOptions(t.db, modelsDir);
    expect(options.values).toEqual(['mel', 'nv', 'happy', 'sad', 'contempt', 'no-face']);
  });

  it('still offers recorded labels and the fixed choices when the registry is missing', async () => {
    const options = await caseVerdictOptions(t.db, path.join(t.dir, 'no-models'));
    expect(options.values).toEqual(['happy', 'contempt', 'no-face']);
  });

  it('names labels it knows clinically and leaves others as they are', () => {
    expect(verdictText('bcc')).toBe('Basal cell carcinoma (bcc)');
    expect(verdictText('positive')).toBe('positive');
  });
});
