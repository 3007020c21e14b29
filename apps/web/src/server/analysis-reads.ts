// Reading analyses back: for one image, for a whole case, one analysis, and the PNGs it stored.
// Every read is in the audit log, as every read of a case is.
import { getDb, recordAudit, resolveStorageDir, type Db } from '@visioncad/db';
import type { Actor } from './actor';
import { readArtifactPng } from './analysis-artifacts';
import {
  artifactKey,
  finishedOutputs,
  requestOf,
  ARTIFACT_NAMES,
  type ArtifactName,
} from './analysis-outputs';
import { ServiceError } from './service-error';

const INCLUDE = { modelVersion: { select: { name: true, version: true, task: true } } } as const;

type AnalysisRow = Awaited<ReturnType<typeof findAnalysis>>;
function findAnalysis(db: Db, id: string) {
  return db.analysis.findUnique({ where: { id }, include: INCLUDE });
}

/** An analysis as the API returns it: outputs only once finished, artifact URLs when there are files. */
export function analysisJson(row: NonNullable<AnalysisRow>) {
  const outputs = finishedOutputs(row.outputs);
  const artifacts = Object.fromEntries(
    ARTIFACT_NAMES.filter((name) => artifactKey(outputs, name) !== null).map((name) => [
      name,
      `/api/analyses/${row.id}/artifacts/${name}`,
    ]),
  );
  return {
    id: row.id,
    imageId: row.imageId,
    task: row.task,
    status: row.status,
    modelVersion: row.modelVersion,
    request: requestOf(row.outputs),
    outputs,
    artifacts,
    timings: row.timings,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** The JSON shape of one analysis. */
export type AnalysisJson = ReturnType<typeof analysisJson>;

async function audit(
  db: Db,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string,
  details?: object,
) {
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      targetType,
      targetId,
      ...(details ? { details } : {}),
      ip: actor.ip,
    },
    db,
  );
}

/** Every analysis of the image, newest first; 404 when there is no such image. */
export async function readImageAnalyses(imageId: string, actor: Actor, db: Db = getDb()) {
  const image = await db.image.findUnique({
    where: { id: imageId },
    include: { analyses: { orderBy: { createdAt: 'desc' }, include: INCLUDE } },
  });
  if (!image) throw new ServiceError(404, `There is no image with id "${imageId}".`, 'id');
  await audit(db, actor, 'analysis.read', 'Image', imageId, { caseId: image.caseId });
  return { imageId, caseId: image.caseId, kind: image.kind, analyses: image.analyses.map(analysisJson) };
}

/** Every image of the case with its analyses, newest first; 404 when there is no such case. */
export async function readCaseAnalyses(caseId: string, actor: Actor, db: Db = getDb()) {
  const found = await db.case.findUnique({
    where: { id: caseId },
    include: {
      images: {
        orderBy: { createdAt: 'asc' },
        include: { analyses: { orderBy: { createdAt: 'desc' }, include: INCLUDE } },
      },
    },
  });
  if (!found) throw new ServiceError(404, `There is no case with id "${caseId}".`, 'id');
  await audit(db, actor, 'analysis.read', 'Case', caseId);
  return {
    caseId,
    images: found.images.map((image) => ({
      imageId: image.id,
      kind: image.kind,
      originalName: image.originalName,
      analyses: image.analyses.map(analysisJson),
    })),
  };
}

/** One analysis; 404 when there is none. */
export async function readAnalysis(analysisId: string, actor: Actor, db: Db = getDb()) {
  const row = await findAnalysis(db, analysisId);
  if (!row) throw new ServiceError(404, `There is no analysis with id "${analysisId}".`, 'id');
  await audit(db, actor, 'analysis.read', 'Analysis', analysisId, { imageId: row.imageId });
  return analysisJson(row);
}

/** Reads the `name` path segment of the artifact route. */
export function parseArtifactName(value: string): ArtifactName {
  if ((ARTIFACT_NAMES as readonly string[]).includes(value)) return value as ArtifactName;
  throw new ServiceError(
    404,
    `Analyses have no file "${value}"; they have ${ARTIFACT_NAMES.join(', ')}.`,
    'name',
  );
}

/** A stored PNG of the analysis with its key (the ETag); 404 when it has no such file. */
export async function readAnalysisArtifact(
  analysisId: string,
  name: ArtifactName,
  actor: Actor,
  db: Db = getDb(),
  storageDir: string = resolveStorageDir(),
) {
  const row = await db.analysis.findUnique({
    where: { id: analysisId },
    select: { outputs: true, imageId: true },
  });
  if (!row) throw new ServiceError(404, `There is no analysis with id "${analysisId}".`, 'id');
  const key = artifactKey(finishedOutputs(row.outputs), name);
  if (!key) throw new ServiceError(404, `Analysis "${analysisId}" has no ${name} file.`, 'name');
  const bytes = await readArtifactPng(key, storageDir);
  await audit(db, actor, 'analysis.artifact.read', 'Analysis', analysisId, { imageId: row.imageId, name });
  return { bytes, storageKey: key };
}
