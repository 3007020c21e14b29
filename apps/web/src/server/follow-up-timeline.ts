// One lesion followed across visits: each dermoscopy image linked to it (oldest visit first) with
// its latest successful analysis, and how diameter and ABCD changed since the previous visit and
// since the first. Read from the database and audited.
import { getDb, recordAudit, type Db } from '@visioncad/db';
import type { Actor } from './actor';
import { finishedOutputs, type AbcdOutputs, type DermoscopyOutputs } from './analysis-outputs';
import { ServiceError } from './service-error';

/** The measurements compared between visits. */
export const FOLLOW_UP_MEASURES = [
  'diameter',
  'asymmetry',
  'border',
  'colours',
  'structures',
  'tds',
] as const;
export type FollowUpMeasure = (typeof FOLLOW_UP_MEASURES)[number];

/** A diameter with its unit: mm when the image scale was known, else pixels. */
export interface Diameter {
  value: number;
  unit: 'mm' | 'px';
}

/** One visit's values (null where the analysis has none). */
export type VisitValues = Record<Exclude<FollowUpMeasure, 'diameter'>, number | null> & {
  diameter: Diameter | null;
};

/** The diameter as visits are compared: millimetres when known, else pixels. */
export function diameterOf(abcd: AbcdOutputs | null): Diameter | null {
  if (!abcd) return null;
  return abcd.diameterMm !== null
    ? { value: abcd.diameterMm, unit: 'mm' }
    : { value: abcd.diameterPx, unit: 'px' };
}

/** The values of one analysis' ABCD result. */
export function visitValues(abcd: AbcdOutputs | null): VisitValues {
  return {
    diameter: diameterOf(abcd),
    asymmetry: abcd?.asymmetry ?? null,
    border: abcd?.border ?? null,
    colours: abcd?.colours ?? null,
    structures: abcd?.structures ?? null,
    tds: abcd?.tds ?? null,
  };
}

/**
 * Change from `before` to `after` per measure; null when either value is missing, or when the
 * diameters are in different units (pixels of two images are only comparable in mm).
 */
export function visitChange(before: VisitValues, after: VisitValues): Record<FollowUpMeasure, number | null> {
  const change = {} as Record<FollowUpMeasure, number | null>;
  for (const measure of FOLLOW_UP_MEASURES) {
    if (measure === 'diameter') {
      const a = before.diameter;
      const b = after.diameter;
      change.diameter = a && b && a.unit === b.unit ? Math.round((b.value - a.value) * 100) / 100 : null;
    } else {
      const a = before[measure];
      const b = after[measure];
      change[measure] = a === null || b === null ? null : Math.round((b - a) * 100) / 100;
    }
  }
  return change;
}

/** The lesion, its patient, and every visit's image, analysis, values and changes. */
export async function readLesionFollowUp(lesionId: string, actor: Actor, db: Db = getDb()) {
  const lesion = await db.lesion.findUnique({
    where: { id: lesionId },
    include: {
      patient: { select: { id: true, reference: true } },
      images: {
        include: {
          case: { select: { id: true, visitDate: true, status: true } },
          analyses: {
            where: { status: 'SUCCEEDED' },
            orderBy: { createdAt: 'desc' },
            take: 1,
            include: { modelVersion: { select: { name: true, version: true } } },
          },
        },
      },
    },
  });
  if (!lesion) throw new ServiceError(404, `There is no lesion with id "${lesionId}".`, 'id');
  const images = [...lesion.images].sort(
    (a, b) =>
      a.case.visitDate.getTime() - b.case.visitDate.getTime() ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const visits = images.map((image) => {
    const analysis = image.analyses[0] ?? null;
    const outputs = analysis ? (finishedOutputs(analysis.outputs) as DermoscopyOutputs | null) : null;
    return {
      image: {
        id: image.id,
        originalName: image.originalName,
        width: image.width,
        height: image.height,
      },
      case: image.case,
      analysis: analysis
        ? { id: analysis.id, modelVersion: analysis.modelVersion, finishedAt: analysis.finishedAt }
        : null,
      outputs,
      values: visitValues(outputs?.abcd ?? null),
    };
  });
  const withChanges = visits.map((visit, k) => ({
    ...visit,
    sincePrevious: k === 0 ? null : visitChange(visits[k - 1].values, visit.values),
    sinceFirst: k === 0 ? null : visitChange(visits[0].values, visit.values),
  }));
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'lesion.read',
      targetType: 'Lesion',
      targetId: lesionId,
      details: { patientId: lesion.patient.id, visits: visits.length },
      ip: actor.ip,
    },
    db,
  );
  return {
    lesion: { id: lesion.id, label: lesion.label, bodySite: lesion.bodySite, createdAt: lesion.createdAt },
    patient: lesion.patient,
    visits: withChanges,
  };
}

/** The follow-up of the lesion an image is linked to; 404 when there is no such image or no link. */
export async function readImageLesionFollowUp(imageId: string, actor: Actor, db: Db = getDb()) {
  const image = await db.image.findUnique({ where: { id: imageId }, select: { lesionId: true } });
  if (!image) throw new ServiceError(404, `There is no image with id "${imageId}".`, 'id');
  if (!image.lesionId) throw new ServiceError(404, 'The image is not linked to a lesion.', 'id');
  return readLesionFollowUp(image.lesionId, actor, db);
}

/** A lesion's follow-up as the lesion page and the API show it. */
export type LesionFollowUp = Awaited<ReturnType<typeof readLesionFollowUp>>;
