// Requests that start work: record the PENDING analysis, then hand it to the process queue, so the
// HTTP answer does not wait for the models.
import type { Actor } from './actor';
import { analysisQueue } from './analysis-queue';
import type { AnalysisRequest } from './analysis-outputs';
import { requestAnalysis, retryAnalysis } from './analysis-requests';

/** Queues an analysis of the image. */
export async function scheduleAnalysis(imageId: string, request: AnalysisRequest, actor: Actor) {
  const analysis = await requestAnalysis(imageId, request, actor);
  analysisQueue().enqueue(analysis.id);
  return analysis;
}

/** Queues a new run of a failed analysis. */
export async function scheduleRetry(analysisId: string, actor: Actor) {
  const analysis = await retryAnalysis(analysisId, actor);
  analysisQueue().enqueue(analysis.id);
  return analysis;
}
