// One analysis run: claims a PENDING row, decodes the stored image, runs the pipeline of its kind
// with the production models, stores the rasters and records outputs and timings. Any failure ends
// in FAILED with a readable error; the image, its stored bytes and the case are never touched
// (except the case's status moving from OPEN to ANALYZED on success, and its model verdict).
import { getDb, recordAudit, resolveStorageDir, type Db, type Prisma } from '@visioncad/db';
import { storeRasterPng } from './analysis-artifacts';
import { runDermoscopy } from './analysis-dermoscopy';
import { caseClinicalMetadata } from './case-clinical-metadata';
import { runFace } from './analysis-face';
import { ANALYSIS_MAX_SIDE, prepareAnalysisInput } from './analysis-input';
import { analysisModelsDir, dermoscopyModels, faceModels } from './analysis-models';
import { requestOf, type AnalysisOutputs, type AnalysisTimings } from './analysis-outputs';
import { refreshCaseVerdict } from './case-verdict';
import { readStoredBytes } from './image-storage';

/** Where a run reads and writes. */
export interface AnalysisRunContext {
  db?: Db;
  storageDir?: string;
  modelsDir?: string;
}

/** Longest error text kept on the row. */
const MAX_ERROR_LENGTH = 1000;

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.trim() || (error instanceof Error ? error.name : 'unknown error');
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Runs the analysis if it is still PENDING (another worker may have claimed it); resolves with
 * the final status, or null when there was nothing to do.
 */
export async function runAnalysis(
  analysisId: string,
  context: AnalysisRunContext = {},
): Promise<'SUCCEEDED' | 'FAILED' | null> {
  const db = context.db ?? getDb();
  const storageDir = context.storageDir ?? resolveStorageDir();
  const modelsDir = context.modelsDir ?? analysisModelsDir();
  const claimed = await db.analysis.updateMany({
    where: { id: analysisId, status: 'PENDING' },
    data: { status: 'RUNNING', startedAt: new Date() },
  });
  if (claimed.count === 0) return null;
  const analysis = await db.analysis.findUniqueOrThrow({
    where: { id: analysisId },
    include: { image: { include: { case: true } } },
  });
  const { image } = analysis;
  const request = requestOf(analysis.outputs);
  const start = performance.now();
  const timings: AnalysisTimings = {};
  let outputs: AnalysisOutputs;
  try {
    const bytes = await readStoredBytes(image.storageKey, storageDir);
    if (image.kind === 'DERMOSCOPY') {
      const t0 = performance.now();
      const loaded = await dermoscopyModels(modelsDir);
      const t1 = performance.now();
      const input = await prepareAnalysisInput(
        bytes,
        image.originalName ?? image.id,
        ANALYSIS_MAX_SIDE.DERMOSCOPY,
      );
      const t2 = performance.now();
      const run = runDermoscopy(input, loaded, request, caseClinicalMetadata(image.case));
      const t3 = performance.now();
      const [mask, maskOverlay, heatMap] = await Promise.all([
        storeRasterPng(run.rasters.mask, storageDir),
        storeRasterPng(run.rasters.maskOverlay, storageDir),
        run.rasters.heatMap ? storeRasterPng(run.rasters.heatMap, storageDir) : null,
      ]);
      Object.assign(timings, { modelLoading: round(t1 - t0), decoding: round(t2 - t1) }, run.timings, {
        storing: round(performance.now() - t3),
      });
      outputs = { ...run.outputs, artifacts: { mask, maskOverlay, heatMap } };
    } else if (image.kind === 'FACE' || image.kind === 'VIDEO_FRAME') {
      const t0 = performance.now();
      const loaded = await faceModels(modelsDir);
      const t1 = performance.now();
      const input = await prepareAnalysisInput(
        bytes,
        image.originalName ?? image.id,
        ANALYSIS_MAX_SIDE[image.kind],
      );
      const t2 = performance.now();
      const run = await runFace(input, loaded, request);
      Object.assign(timings, { modelLoading: round(t1 - t0), decoding: round(t2 - t1) }, run.timings);
      outputs = run.outputs;
    } else {
      throw new Error(`images of kind ${image.kind} are not analysed`);
    }
  } catch (error) {
    timings.total = round(performance.now() - start);
    const message = errorText(error);
    await db.$transaction(async (tx) => {
      await tx.analysis.update({
        where: { id: analysisId },
        data: { status: 'FAILED', error: message, timings, finishedAt: new Date() },
      });
      // Unchanged unless the case's verdict was stale: a failure never replaces the last good one.
      await refreshCaseVerdict(image.caseId, tx);
    });
    await recordAudit(
      {
        action: 'analysis.fail',
        targetType: 'Analysis',
        targetId: analysisId,
        details: { imageId: image.id, caseId: image.caseId, error: message },
      },
      db,
    );
    return 'FAILED';
  }
  timings.total = round(performance.now() - start);
  // The result, the case's status and its model verdict change together or not at all.
  await db.$transaction(async (tx) => {
    await tx.analysis.update({
      where: { id: analysisId },
      data: {
        status: 'SUCCEEDED',
        outputs: outputs as unknown as Prisma.InputJsonValue,
        timings,
        error: null,
        finishedAt: new Date(),
      },
    });
    await tx.case.updateMany({ where: { id: image.caseId, status: 'OPEN' }, data: { status: 'ANALYZED' } });
    await refreshCaseVerdict(image.caseId, tx);
  });
  await recordAudit(
    {
      action: 'analysis.succeed',
      targetType: 'Analysis',
      targetId: analysisId,
      details: { imageId: image.id, caseId: image.caseId, totalMs: timings.total },
    },
    db,
  );
  return 'SUCCEEDED';
}
