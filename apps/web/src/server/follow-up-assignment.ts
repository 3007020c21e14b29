// Which lesion an image shows: a dermoscopy image is linked to one of the patient's lesions (or a
// new one) so the same lesion can be followed across visits. Audited like every case write.
import { getDb, recordAudit, type Db } from '@visioncad/db';
import type { Actor } from './actor';
import { ServiceError } from './service-error';

/** Longest lesion label, e.g. "mole left shoulder blade". */
export const MAX_LESION_LABEL_LENGTH = 80;

/** An existing lesion, a new one by its label, or none (unlink). */
export type LesionAssignment = { lesionId: string } | { newLabel: string } | { none: true };

/** Reads `lesionId` (an id, or "none") or `newLabel` from a JSON body or form. */
export function parseLesionAssignment(fields: Record<string, unknown>): LesionAssignment {
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string).trim() : '');
  const lesionId = text('lesionId');
  const newLabel = text('newLabel');
  if (lesionId === 'new' || (lesionId === '' && newLabel !== '')) {
    if (newLabel === '') throw new ServiceError(400, 'newLabel is missing: name the new lesion.', 'newLabel');
    if (newLabel.length > MAX_LESION_LABEL_LENGTH) {
      throw new ServiceError(
        400,
        `newLabel is ${newLabel.length} characters; at most ${MAX_LESION_LABEL_LENGTH}.`,
        'newLabel',
      );
    }
    return { newLabel };
  }
  if (lesionId === 'none') return { none: true };
  if (lesionId === '') {
    throw new ServiceError(
      400,
      'Give lesionId (an existing lesion, or "none") or newLabel (a new lesion).',
      'lesionId',
    );
  }
  return { lesionId };
}

/** The patient's lesions, oldest first, with how many images each has. */
export function listPatientLesions(patientId: string, db: Db = getDb()) {
  return db.lesion.findMany({
    where: { patientId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, label: true, bodySite: true, _count: { select: { images: true } } },
  });
}

/** Links the dermoscopy image to a lesion of the same patient (creating it when new). */
export async function assignLesion(
  imageId: string,
  assignment: LesionAssignment,
  actor: Actor,
  db: Db = getDb(),
) {
  const image = await db.image.findUnique({
    where: { id: imageId },
    select: { id: true, kind: true, caseId: true, case: { select: { patientId: true, bodySite: true } } },
  });
  if (!image) throw new ServiceError(404, `There is no image with id "${imageId}".`, 'id');
  if (image.kind !== 'DERMOSCOPY') {
    throw new ServiceError(409, `Only dermoscopy images show a lesion; this one is ${image.kind}.`, 'id');
  }
  let lesionId: string | null;
  if ('none' in assignment) {
    lesionId = null;
  } else if ('newLabel' in assignment) {
    const created = await db.lesion.create({
      data: { patientId: image.case.patientId, label: assignment.newLabel, bodySite: image.case.bodySite },
    });
    lesionId = created.id;
  } else {
    const lesion = await db.lesion.findUnique({ where: { id: assignment.lesionId } });
    if (!lesion)
      throw new ServiceError(404, `There is no lesion with id "${assignment.lesionId}".`, 'lesionId');
    if (lesion.patientId !== image.case.patientId) {
      throw new ServiceError(400, 'That lesion belongs to another patient.', 'lesionId');
    }
    lesionId = lesion.id;
  }
  const updated = await db.image.update({ where: { id: imageId }, data: { lesionId } });
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'image.lesion',
      targetType: 'Image',
      targetId: imageId,
      details: { caseId: image.caseId, lesionId, created: 'newLabel' in assignment },
      ip: actor.ip,
    },
    db,
  );
  return { image: updated, lesionId, caseId: image.caseId };
}
