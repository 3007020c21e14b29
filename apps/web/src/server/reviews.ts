// A clinician's reading of a case. Drafts may be edited by their author; signing off stamps
// signedOffAt and freezes the row for good. A later change of mind is a new review that amends it.
import { getDb, recordAudit, type Db } from '@visioncad/db';
import type { Actor } from './actor';
import { ServiceError } from './service-error';

/** Diagnosis labels a reviewer picks from: HAM10000's classes, PH2's atypical nevus, FER's emotions. */
export const REVIEW_LABELS = {
  mel: 'Melanoma',
  nv: 'Melanocytic nevus',
  'atypical-nv': 'Atypical nevus',
  bcc: 'Basal cell carcinoma',
  akiec: 'Actinic keratosis / intraepithelial carcinoma',
  bkl: 'Benign keratosis',
  df: 'Dermatofibroma',
  vasc: 'Vascular lesion',
  angry: 'Angry',
  disgust: 'Disgust',
  fear: 'Fear',
  happy: 'Happy',
  sad: 'Sad',
  surprise: 'Surprise',
  neutral: 'Neutral',
  contempt: 'Contempt',
  other: 'Other (say which in the comment)',
} as const;

export type ReviewLabel = keyof typeof REVIEW_LABELS;
export const AGREEMENTS = ['AGREE', 'PARTIAL', 'DISAGREE'] as const;
export type AgreementValue = (typeof AGREEMENTS)[number];
export const MAX_COMMENT_LENGTH = 4000;

/** A validated review body. */
export interface ReviewInput {
  label: ReviewLabel;
  agreement: AgreementValue | null;
  comment: string | null;
  signOff: boolean;
  imageId: string | null;
  amendsId: string | null;
}

function text(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value.trim() : '';
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 'false')
    return false;
  if (value === true || value === 'true' || value === 'yes' || value === 'on') return true;
  throw new ServiceError(400, `${field} must be true or false.`, field);
}

/** Validates a review body (JSON or form fields). */
export function parseReviewInput(raw: Record<string, unknown>): ReviewInput {
  const label = text(raw, 'label');
  if (!(label in REVIEW_LABELS)) {
    throw new ServiceError(
      400,
      label === ''
        ? 'label is required: choose your diagnosis.'
        : `label "${label}" is not one of ${Object.keys(REVIEW_LABELS).join(', ')}.`,
      'label',
    );
  }
  const agreement = text(raw, 'agreement');
  if (agreement !== '' && !(AGREEMENTS as readonly string[]).includes(agreement)) {
    throw new ServiceError(
      400,
      `agreement must be one of ${AGREEMENTS.join(', ')}, got "${agreement}".`,
      'agreement',
    );
  }
  const comment = text(raw, 'comment');
  if (comment.length > MAX_COMMENT_LENGTH) {
    throw new ServiceError(
      400,
      `comment is ${comment.length} characters long; keep it to ${MAX_COMMENT_LENGTH}.`,
      'comment',
    );
  }
  return {
    label: label as ReviewLabel,
    agreement: agreement === '' ? null : (agreement as AgreementValue),
    comment: comment === '' ? null : comment,
    signOff: flag(raw.signOff, 'signOff'),
    imageId: text(raw, 'imageId') || null,
    amendsId: text(raw, 'amendsId') || null,
  };
}

function audit(actor: Actor, action: string, reviewId: string, caseId: string, db: Db) {
  return recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      targetType: 'Review',
      targetId: reviewId,
      details: { caseId },
      ip: actor.ip,
    },
    db,
  );
}

// Agreement is with the model's most recent successful analysis of the case (of the image when
// the review names one); without one there is nothing to agree with.
async function analysisToAgreeWith(caseId: string, input: ReviewInput, db: Db): Promise<string | null> {
  if (input.agreement === null) return null;
  const analysis = await db.analysis.findFirst({
    where: { status: 'SUCCEEDED', image: { caseId, ...(input.imageId ? { id: input.imageId } : {}) } },
    orderBy: { finishedAt: 'desc' },
    select: { id: true },
  });
  if (!analysis) {
    throw new ServiceError(
      400,
      'agreement was given but this case has no successful model analysis to agree with; leave it empty.',
      'agreement',
    );
  }
  return analysis.id;
}

async function checkImage(caseId: string, imageId: string | null, db: Db): Promise<void> {
  if (imageId === null) return;
  const image = await db.image.findFirst({ where: { id: imageId, caseId }, select: { id: true } });
  if (!image)
    throw new ServiceError(400, `imageId "${imageId}" is not an image of case ${caseId}.`, 'imageId');
}

/** Records a review (a draft, or signed off at once); an amendment must point at a signed-off review. */
export async function createReview(caseId: string, input: ReviewInput, actor: Actor, db: Db = getDb()) {
  const found = await db.case.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!found) throw new ServiceError(404, `There is no case with id "${caseId}".`, 'id');
  await checkImage(caseId, input.imageId, db);
  if (input.amendsId !== null) {
    const amended = await db.review.findFirst({ where: { id: input.amendsId, caseId } });
    if (!amended)
      throw new ServiceError(
        400,
        `amendsId "${input.amendsId}" is not a review of case ${caseId}.`,
        'amendsId',
      );
    if (amended.signedOffAt === null) {
      throw new ServiceError(
        409,
        `Review ${amended.id} is a draft: edit it instead of amending it.`,
        'amendsId',
      );
    }
  }
  const analysisId = await analysisToAgreeWith(caseId, input, db);
  const signedOffAt = input.signOff ? new Date() : null;
  const review = await db.review.create({
    data: {
      caseId,
      imageId: input.imageId,
      analysisId,
      reviewerId: actor.id,
      label: input.label,
      agreement: input.agreement,
      comment: input.comment,
      signedOffAt,
      amendsId: input.amendsId,
    },
  });
  await audit(actor, input.amendsId ? 'review.amend' : 'review.create', review.id, caseId, db);
  if (signedOffAt) await markSignedOff(caseId, review.id, actor, db);
  return review;
}

async function markSignedOff(caseId: string, reviewId: string, actor: Actor, db: Db): Promise<void> {
  await db.case.update({ where: { id: caseId }, data: { status: 'REVIEWED' } });
  await audit(actor, 'review.sign-off', reviewId, caseId, db);
}

/**
 * Changes a draft review (and signs it off when asked). Signed-off reviews are immutable: any
 * update is a 409, checked in the same statement that writes, so two racing requests cannot both win.
 */
export async function updateReview(
  caseId: string,
  reviewId: string,
  input: ReviewInput,
  actor: Actor,
  db: Db = getDb(),
) {
  const review = await db.review.findFirst({ where: { id: reviewId, caseId } });
  if (!review) throw new ServiceError(404, `Case ${caseId} has no review with id "${reviewId}".`, 'reviewId');
  if (input.amendsId !== null && input.amendsId !== review.amendsId) {
    throw new ServiceError(400, 'amendsId cannot change on an existing review.', 'amendsId');
  }
  const immutable = () =>
    new ServiceError(
      409,
      `Review ${reviewId} was signed off and cannot change. Record an amendment instead (a new review with amendsId "${reviewId}").`,
      'reviewId',
    );
  if (review.signedOffAt !== null) throw immutable();
  if (review.reviewerId !== actor.id) {
    throw new ServiceError(
      403,
      `Review ${reviewId} is another clinician's draft; only its author may edit it.`,
      'reviewId',
    );
  }
  await checkImage(caseId, input.imageId, db);
  const analysisId = await analysisToAgreeWith(caseId, input, db);
  const signedOffAt = input.signOff ? new Date() : null;
  const { count } = await db.review.updateMany({
    where: { id: reviewId, signedOffAt: null },
    data: {
      label: input.label,
      agreement: input.agreement,
      comment: input.comment,
      imageId: input.imageId,
      analysisId,
      signedOffAt,
    },
  });
  if (count === 0) throw immutable();
  await audit(actor, 'review.update', reviewId, caseId, db);
  if (signedOffAt) await markSignedOff(caseId, reviewId, actor, db);
  return db.review.findUniqueOrThrow({ where: { id: reviewId } });
}
