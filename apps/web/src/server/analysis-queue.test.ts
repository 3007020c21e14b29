import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCaseImage } from './case-images';
import { parseNewCase } from './case-fields';
import { createCase } from './case-records';
import { createAnalysisQueue, interruptedAnalyses } from './analysis-queue';
import { parseAnalysisRequest, requestAnalysis, retryAnalysis } from './analysis-requests';
import { ServiceError } from './service-error';
import { lesionPng } from './synthetic-images.test-support';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';
import { SHIPPED_MODELS, servedModelName } from './shipped-models.test-support';

let t: TestDatabase;
let imageId: string;

beforeEach(async () => {
  t = await createTestDatabase();
  const input = parseNewCase({ patientReference: 'PT-0200', bodySite: 'chest', visitDate: '2026-05-04' });
  const caseId = (await createCase(input, t.clinician, t.db)).id;
  const bytes = await lesionPng(64, 48);
  imageId = (
    await addCaseImage(
      caseId,
      'DERMOSCOPY',
      { name: 'a.png', bytes },
      t.clinician,
      t.db,
      path.join(t.dir, 's'),
    )
  ).image.id;
});
afterEach(() => t.cleanup());

describe('createAnalysisQueue', () => {
  it('runs ids one at a time in order, skips duplicates still waiting, and survives a throwing run', async () => {
    const log: string[] = [];
    let active = 0;
    const queue = createAnalysisQueue(async (id) => {
      active++;
      expect(active).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(id);
      active--;
      if (id === 'b') throw new Error('boom');
    });
    for (const id of ['a', 'b', 'c', 'c']) queue.enqueue(id);
    await queue.idle();
    expect(log).toEqual(['a', 'b', 'c']);
    queue.enqueue('d');
    await queue.idle();
    expect(log).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('requestAnalysis and retryAnalysis', () => {
  it('records the production model version once and refuses a second request while one is pending', async () => {
    const first = await requestAnalysis(imageId, { pxPerMm: 12.5 }, t.clinician, {
      db: t.db,
      modelsDir: SHIPPED_MODELS,
    });
    const version = await t.db.modelVersion.findUniqueOrThrow({ where: { id: first.modelVersionId } });
    expect(version).toMatchObject({
      name: servedModelName('lesion-classification'),
      task: 'lesion-classification',
      status: 'PRODUCTION',
    });
    expect(first.outputs).toEqual({ request: { pxPerMm: 12.5 } });
    const again = requestAnalysis(imageId, { pxPerMm: null }, t.clinician, {
      db: t.db,
      modelsDir: SHIPPED_MODELS,
    });
    await expect(again).rejects.toThrow(/already pending/);
    await expect(
      retryAnalysis(first.id, t.clinician, { db: t.db, modelsDir: SHIPPED_MODELS }),
    ).rejects.toThrow(/Only a failed analysis can be retried; this one is pending/);
    await expect(requestAnalysis('nope', { pxPerMm: null }, t.clinician, { db: t.db })).rejects.toMatchObject(
      {
        status: 404,
      },
    );
  });

  it('says which model is missing when the registry has none for the task', async () => {
    const empty = path.join(t.dir, 'no-models');
    const attempt = requestAnalysis(imageId, { pxPerMm: null }, t.clinician, { db: t.db, modelsDir: empty });
    await expect(attempt).rejects.toBeInstanceOf(ServiceError);
    await expect(attempt).rejects.toThrow(/cannot be analysed: there is no model registry/);
  });

  it('parses the scale field and names it when it is wrong', () => {
    expect(parseAnalysisRequest({})).toEqual({ pxPerMm: null });
    expect(parseAnalysisRequest({ pxPerMm: ' ' })).toEqual({ pxPerMm: null });
    expect(parseAnalysisRequest({ pxPerMm: '20' })).toEqual({ pxPerMm: 20 });
    for (const bad of ['-1', 'ten', 0, 5000]) {
      expect(() => parseAnalysisRequest({ pxPerMm: bad })).toThrow(/pxPerMm must be a number/);
    }
  });
});

describe('interruptedAnalyses', () => {
  it('puts rows a stopped server left running back in the queue', async () => {
    const a = await requestAnalysis(imageId, { pxPerMm: null }, t.clinician, {
      db: t.db,
      modelsDir: SHIPPED_MODELS,
    });
    await t.db.analysis.update({ where: { id: a.id }, data: { status: 'RUNNING', startedAt: new Date() } });
    expect(await interruptedAnalyses(t.db)).toEqual([a.id]);
    expect((await t.db.analysis.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('PENDING');
  });
});
