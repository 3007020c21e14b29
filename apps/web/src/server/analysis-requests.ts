// Asking for an analysis: after an upload, again with another scale, or as a retry of a failed one.
// Each request is a new PENDING Analysis row (a failed run stays on record), recorded against the
// production model version of the image kind's task and audited.
import { getDb, recordAudit, type Db, type Prisma } from '@visioncad/db';
import type { Actor } from './actor';
import { MissingModelError } from './analysis-models';
import { productionModelVersion } from './analysis-model-versions';
import { ANALYSIS_TASKS, isAnalysedKind, requestOf, type AnalysisRequest } from './analysis-outputs';
import { ServiceError } from './service-error';

/** Largest accepted image scale: 1000 px per mm is far beyond any dermoscope. */
const MAX_PX_PER_MM = 1000;

/** Reads the optional `pxPerMm` field (number or numeric text; empty means none). */
export function parseAnalysisRequest(fields: Record<string, unknown>): AnalysisRequest {
  const raw = fields.pxPerMm;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return { pxPerMm: null };
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_PX_PER_MM) {
    throw new ServiceError(
      400,
      `pxPerMm must be a number of pixels per millimetre between 0 and ${MAX_PX_PER_MM}, got ${JSON.stringify(raw)}.`,
      'pxPerMm',
    );
  }
  return { pxPerMm: value };
}

/** Where requests are recorded. */
export interface AnalysisRequestContext {
  db?: Db;
  modelsDir?: string;
}

async function createRequest(
  imageId: string,
  request: AnalysisRequest,
  actor: Actor | null,
  action: string,
  details: Record<string, unknown>,
  context: AnalysisRequestContext,
) {
  const db = context.db ?? getDb();
  const image = await db.image.findUnique({
    where: { id: imageId },
    select: { id: true, kind: true, caseId: true },
  });
  if (!image) throw new ServiceError(404, `There is no image with id "${imageId}".`, 'id');
  if (!isAnalysedKind(image.kind)) {
    throw new ServiceError(409, `Images of kind ${image.kind} have no analysis.`, 'id');
  }
  const busy = await db.analysis.findFirst({
    where: { imageId, status: { in: ['PENDING', 'RUNNING'] } },
    select: { id: true, status: true },
  });
  if (busy) {
    throw new ServiceError(
      409,
      `An analysis of this image is already ${busy.status.toLowerCase()} (${busy.id}); wait for it to finish.`,
      'id',
    );
  }
  const task = ANALYSIS_TASKS[image.kind];
  let modelVersion;
  try {
    modelVersion = await productionModelVersion(task, db, context.modelsDir);
  } catch (error) {
    if (error instanceof MissingModelError) {
      throw new ServiceError(409, `The image cannot be analysed: ${error.message}.`, 'id');
    }
    throw error;
  }
  const analysis = await db.analysis.create({
    data: {
      imageId,
      modelVersionId: modelVersion.id,
      task,
      status: 'PENDING',
      outputs: { request } as unknown as Prisma.InputJsonValue,
      requestedById: actor?.id ?? null,
    },
  });
  await recordAudit(
    {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action,
      targetType: 'Analysis',
      targetId: analysis.id,
      details: {
        imageId,
        caseId: image.caseId,
        model: `${modelVersion.name} ${modelVersion.version}`,
        pxPerMm: request.pxPerMm,
        ...details,
      },
      ip: actor?.ip ?? null,
    },
    db,
  );
  return { ...analysis, caseId: image.caseId };
}

/** Queues a new analysis of the image with the production model of its kind. */
export function requestAnalysis(
  imageId: string,
  request: AnalysisRequest,
  actor: Actor | null,
  context: AnalysisRequestContext = {},
) {
  return createRequest(imageId, request, actor, 'analysis.request', {}, context);
}

/** Queues a new run of a FAILED analysis (same image, same request); the failed row stays. */
export async function retryAnalysis(analysisId: string, actor: Actor, context: AnalysisRequestContext = {}) {
  const db = context.db ?? getDb();
  const failed = await db.analysis.findUnique({ where: { id: analysisId } });
  if (!failed) throw new ServiceError(404, `There is no analysis with id "${analysisId}".`, 'id');
  if (failed.status !== 'FAILED') {
    throw new ServiceError(
      409,
      `Only a failed analysis can be retried; this one is ${failed.status.toLowerCase()}.`,
      'id',
    );
  }
  return createRequest(
    failed.imageId,
    requestOf(failed.outputs),
    actor,
    'analysis.retry',
    { retryOf: analysisId },
    context,
  );
}
