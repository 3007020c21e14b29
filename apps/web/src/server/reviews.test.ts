import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from './case-records';
import { parseNewCase } from './case-fields';
import { createReview, parseReviewInput, updateReview } from './reviews';
import { refusal } from './service-error.test-support';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

let t: TestDatabase;
let caseId: string;

beforeEach(async () => {
  t = await createTestDatabase();
  const input = parseNewCase({
    patientReference: 'PT-0001',
    bodySite: 'left forearm',
    visitDate: '2026-03-02',
  });
  caseId = (await createCase(input, t.clinician, t.db)).id;
});
afterEach(() => t.cleanup());

describe('parseReviewInput', () => {
  it('reads a form or JSON body into typed values', () => {
    expect(parseReviewInput({ label: 'mel', comment: ' irregular network ', signOff: 'yes' })).toEqual({
      label: 'mel',
      agreement: null,
      comment: 'irregular network',
      signOff: true,
      imageId: null,
      amendsId: null,
    });
  });

  it('names a missing or unknown label and a bad agreement', () => {
    expect(() => parseReviewInput({})).toThrow(/^label is required/);
    expect(() => parseReviewInput({ label: 'freckle' })).toThrow(/^label "freckle" is not one of/);
    expect(() => parseReviewInput({ label: 'nv', agreement: 'MAYBE' })).toThrow(/^agreement must be one of/);
  });
});

describe('reviews', () => {
  it('lets the author edit a draft, then signs it off and marks the case reviewed', async () => {
    const draft = await createReview(caseId, parseReviewInput({ label: 'nv' }), t.clinician, t.db);
    expect(draft.signedOffAt).toBeNull();
    const edited = await updateReview(
      caseId,
      draft.id,
      parseReviewInput({ label: 'mel', comment: 'changed' }),
      t.clinician,
      t.db,
    );
    expect(edited).toMatchObject({ label: 'mel', comment: 'changed', signedOffAt: null });
    const signed = await updateReview(
      caseId,
      draft.id,
      parseReviewInput({ label: 'mel', signOff: true }),
      t.clinician,
      t.db,
    );
    expect(signed.signedOffAt).toBeInstanceOf(Date);
    expect((await t.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('REVIEWED');
    const actions = (await t.db.auditLog.findMany({ where: { targetId: draft.id } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(['review.create', 'review.update', 'review.update', 'review.sign-off']);
  });

  it('rejects any update to a signed-off review with 409 and leaves it unchanged', async () => {
    const signed = await createReview(
      caseId,
      parseReviewInput({ label: 'nv', signOff: true }),
      t.clinician,
      t.db,
    );
    const error = await refusal(
      updateReview(caseId, signed.id, parseReviewInput({ label: 'mel' }), t.clinician, t.db),
    );
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/was signed off and cannot change/);
    expect(await t.db.review.findUniqueOrThrow({ where: { id: signed.id } })).toEqual(signed);
  });

  it('records a change of mind as an amendment pointing at the signed-off review', async () => {
    const signed = await createReview(
      caseId,
      parseReviewInput({ label: 'nv', signOff: true }),
      t.clinician,
      t.db,
    );
    const amendment = await createReview(
      caseId,
      parseReviewInput({ label: 'atypical-nv', amendsId: signed.id, signOff: true }),
      t.clinician,
      t.db,
    );
    expect(amendment.amendsId).toBe(signed.id);
    expect((await t.db.review.findUniqueOrThrow({ where: { id: signed.id } })).label).toBe('nv');
  });

  it('refuses to amend a draft and to state agreement when no analysis exists', async () => {
    const draft = await createReview(caseId, parseReviewInput({ label: 'nv' }), t.clinician, t.db);
    expect(
      (
        await refusal(
          createReview(caseId, parseReviewInput({ label: 'mel', amendsId: draft.id }), t.clinician, t.db),
        )
      ).status,
    ).toBe(409);
    const agreement = await refusal(
      createReview(caseId, parseReviewInput({ label: 'nv', agreement: 'AGREE' }), t.clinician, t.db),
    );
    expect(agreement).toMatchObject({ status: 400, field: 'agreement' });
  });

  it('keeps another clinician out of a draft', async () => {
    const draft = await createReview(caseId, parseReviewInput({ label: 'nv' }), t.clinician, t.db);
    const other = await t.db.user.create({
      data: { email: 'other@test.local', name: 'Other', role: 'CLINICIAN', passwordHash: 'unused' },
    });
    const error = await refusal(
      updateReview(
        caseId,
        draft.id,
        parseReviewInput({ label: 'mel' }),
        { id: other.id, email: other.email, ip: null },
        t.db,
      ),
    );
    expect(error.status).toBe(403);
  });
});
