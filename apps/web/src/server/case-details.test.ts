import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNewCase } from './case-fields';
import { createCase, updateCaseDetails } from './case-records';
import { createReview, parseReviewInput } from './reviews';
import { refusal } from './service-error.test-support';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

let t: TestDatabase;
let caseId: string;
const now = new Date('2026-11-25T12:00:00Z');

beforeEach(async () => {
  t = await createTestDatabase();
  const input = parseNewCase(
    { patientReference: 'PT-0300', bodySite: 'upper back', visitDate: '2026-11-20', clinicalNotes: 'itchy' },
    now,
  );
  caseId = (await createCase(input, t.clinician, t.db)).id;
});
afterEach(() => t.cleanup());

describe('updateCaseDetails', () => {
  it('changes only the fields sent, and the audit entry lists each change with its old and new value', async () => {
    const updated = await updateCaseDetails(
      caseId,
      { patientAgeYears: '67', patientSex: 'female', bodySite: 'face' },
      t.clinician,
      t.db,
      now,
    );
    expect(updated).toMatchObject({
      bodySite: 'face',
      patientAgeYears: 67,
      patientSex: 'female',
      clinicalNotes: 'itchy',
      visitDate: new Date('2026-11-20T00:00:00Z'),
    });
    // Clearing an optional field with an empty string; an unchanged value is not an edit.
    await updateCaseDetails(caseId, { patientSex: '', bodySite: 'face' }, t.clinician, t.db, now);
    await updateCaseDetails(caseId, {}, t.clinician, t.db, now);
    const stored = await t.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(stored.patientSex).toBeNull();
    expect(stored.patientAgeYears).toBe(67);
    const entries = await t.db.auditLog.findMany({
      where: { targetId: caseId, action: 'case.update' },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    expect(entries.map((e) => e.details)).toEqual([
      {
        bodySite: { from: 'upper back', to: 'face' },
        patientAgeYears: { from: null, to: 67 },
        patientSex: { from: null, to: 'female' },
      },
      { patientSex: { from: 'female', to: null } },
    ]);
  });

  it('refuses bad values and fields that are not details, naming the field and changing nothing', async () => {
    const bad = await refusal(updateCaseDetails(caseId, { patientAgeYears: '130' }, t.clinician, t.db, now));
    expect(bad).toMatchObject({ status: 400, field: 'patientAgeYears' });
    const future = await refusal(
      updateCaseDetails(caseId, { visitDate: '2027-01-01' }, t.clinician, t.db, now),
    );
    expect(future).toMatchObject({ status: 400, field: 'visitDate' });
    const reference = await refusal(
      updateCaseDetails(caseId, { patientReference: 'PT-9999' }, t.clinician, t.db, now),
    );
    expect(reference).toMatchObject({ status: 400, field: 'patientReference' });
    expect(reference.message).toMatch(/patientReference cannot be edited/);
    const missing = await refusal(updateCaseDetails('nope', {}, t.clinician, t.db, now));
    expect(missing.status).toBe(404);
    const stored = await t.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect([stored.patientAgeYears, stored.bodySite]).toEqual([null, 'upper back']);
  });

  it('refuses any edit once a review is signed off (409), naming the day', async () => {
    await createReview(caseId, parseReviewInput({ label: 'nv', signOff: true }), t.clinician, t.db);
    const signed = await refusal(
      updateCaseDetails(caseId, { patientAgeYears: '50' }, t.clinician, t.db, now),
    );
    expect(signed.status).toBe(409);
    expect(signed.message).toMatch(/was signed off on \d{4}-\d{2}-\d{2}.*new review/);
  });
});
