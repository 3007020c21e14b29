import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { addCaseImage } from './case-images';
import { parseNewCase } from './case-fields';
import { createCase } from './case-records';
import { DEFAULT_LESION, dermoscopyPng } from './analysis-fixtures.test-support';
import { requestAnalysis } from './analysis-requests';
import { runAnalysis } from './analysis-run';
import { assignLesion, listPatientLesions, parseLesionAssignment } from './follow-up-assignment';
import { readLesionFollowUp, visitChange, visitValues } from './follow-up-timeline';
import { lesionPng } from './synthetic-images.test-support';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

const MODELS = path.join(resolveRepoRoot(), 'models');
let t: TestDatabase;
let storage: string;

beforeAll(async () => {
  t = await createTestDatabase();
  storage = path.join(t.dir, 'storage');
});
afterAll(() => t.cleanup());

async function visit(reference: string, date: string, radius: number) {
  const input = parseNewCase({ patientReference: reference, bodySite: 'chest', visitDate: date });
  const caseId = (await createCase(input, t.clinician, t.db)).id;
  const bytes = await dermoscopyPng(320, 240, { ...DEFAULT_LESION, radius });
  const image = (
    await addCaseImage(caseId, 'DERMOSCOPY', { name: `${date}.png`, bytes }, t.clinician, t.db, storage)
  ).image;
  const analysis = await requestAnalysis(image.id, { pxPerMm: 10 }, t.clinician, {
    db: t.db,
    modelsDir: MODELS,
  });
  expect(await runAnalysis(analysis.id, { db: t.db, storageDir: storage, modelsDir: MODELS })).toBe(
    'SUCCEEDED',
  );
  return { caseId, image };
}

describe('following a lesion across visits', () => {
  it('links images of the same patient to a lesion and reports the growth between visits', async () => {
    const first = await visit('PT-0300', '2026-01-10', 0.2);
    const second = await visit('PT-0300', '2026-07-10', 0.3);
    const created = await assignLesion(first.image.id, { newLabel: 'mole left shoulder' }, t.clinician, t.db);
    const lesionId = created.lesionId!;
    await assignLesion(second.image.id, { lesionId }, t.clinician, t.db);
    const patientId = (await t.db.case.findUniqueOrThrow({ where: { id: first.caseId } })).patientId;
    expect(await listPatientLesions(patientId, t.db)).toEqual([
      { id: lesionId, label: 'mole left shoulder', bodySite: 'chest', _count: { images: 2 } },
    ]);

    const followUp = await readLesionFollowUp(lesionId, t.clinician, t.db);
    expect(followUp.visits.map((v) => v.image.id)).toEqual([first.image.id, second.image.id]);
    const [a, b] = followUp.visits;
    expect(a.values.diameter?.unit).toBe('mm');
    // The blob's radius grew by half: its diameter grows by roughly as much.
    expect(b.values.diameter!.value / a.values.diameter!.value).toBeGreaterThan(1.25);
    expect(b.sincePrevious!.diameter).toBeCloseTo(b.values.diameter!.value - a.values.diameter!.value, 1);
    expect(b.sinceFirst).toEqual(b.sincePrevious);
    expect(await t.db.auditLog.count({ where: { action: 'image.lesion' } })).toBe(2);
    expect(await t.db.auditLog.count({ where: { action: 'lesion.read', targetId: lesionId } })).toBe(1);
  });

  it('refuses a lesion of another patient and images that are not dermoscopy', async () => {
    const mine = await visit('PT-0301', '2026-02-01', 0.2);
    const theirs = await visit('PT-0302', '2026-02-01', 0.2);
    const { lesionId } = await assignLesion(theirs.image.id, { newLabel: 'their lesion' }, t.clinician, t.db);
    await expect(assignLesion(mine.image.id, { lesionId: lesionId! }, t.clinician, t.db)).rejects.toThrow(
      'That lesion belongs to another patient.',
    );
    const face = (
      await addCaseImage(
        mine.caseId,
        'FACE',
        { name: 'f.png', bytes: await lesionPng(40, 30) },
        t.clinician,
        t.db,
        storage,
      )
    ).image;
    await expect(assignLesion(face.id, { newLabel: 'x' }, t.clinician, t.db)).rejects.toThrow(
      /Only dermoscopy images/,
    );
  });
});

describe('parseLesionAssignment', () => {
  it('reads an id, a new label or none, and names the field when neither is given', () => {
    expect(parseLesionAssignment({ lesionId: 'abc' })).toEqual({ lesionId: 'abc' });
    expect(parseLesionAssignment({ lesionId: 'new', newLabel: ' back mole ' })).toEqual({
      newLabel: 'back mole',
    });
    expect(parseLesionAssignment({ newLabel: 'x' })).toEqual({ newLabel: 'x' });
    expect(parseLesionAssignment({ lesionId: 'none' })).toEqual({ none: true });
    expect(() => parseLesionAssignment({})).toThrow(/Give lesionId/);
    expect(() => parseLesionAssignment({ lesionId: 'new' })).toThrow(/newLabel is missing/);
    expect(() => parseLesionAssignment({ newLabel: 'x'.repeat(81) })).toThrow(/at most 80/);
  });
});

describe('visitChange', () => {
  it('compares diameters only in the same unit', () => {
    const abcd = {
      asymmetry: 1,
      border: 2,
      colours: 3,
      structures: 2,
      diameterPx: 100,
      diameterMm: null,
      tds: 4.1,
    };
    const px = visitValues({ ...abcd, coloursPresent: [], structuresPresent: [], band: 'benign' });
    const mm = visitValues({
      ...abcd,
      diameterMm: 6,
      coloursPresent: [],
      structuresPresent: [],
      band: 'benign',
    });
    expect(visitChange(px, mm).diameter).toBeNull();
    expect(visitChange(mm, { ...mm, diameter: { value: 7.5, unit: 'mm' }, asymmetry: 2 })).toMatchObject({
      diameter: 1.5,
      asymmetry: 1,
      border: 0,
    });
  });
});
