import { readImageAnalyses } from '../../../../../server/analysis-reads';
import { parseAnalysisRequest } from '../../../../../server/analysis-requests';
import { scheduleAnalysis } from '../../../../../server/analysis-scheduling';
import { authorizeApi } from '../../../../../server/api-access';
import {
  actorFrom,
  bodyKind,
  failure,
  readFields,
  refuseCrossSite,
} from '../../../../../server/route-helpers';
import { seeOther } from '../../../../../server/responses';

type Context = { params: Promise<{ id: string }> };

/** Every analysis of the image, newest first. */
export async function GET(request: Request, { params }: Context) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    return Response.json(await readImageAnalyses(id, actorFrom(access.user, request)));
  } catch (error) {
    return failure(error, 'json', '/cases');
  }
}

/** Queues a new analysis of the image (optional `pxPerMm`); 202 with the PENDING analysis. */
export async function POST(request: Request, { params }: Context) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const kind = bodyKind(request);
  const referer = request.headers.get('referer');
  const back = referer ? new URL(referer).pathname : '/cases';
  try {
    refuseCrossSite(request);
    // No body at all asks for an analysis without a scale.
    const fields = request.headers.get('content-type') ? await readFields(request, kind) : {};
    const analysis = await scheduleAnalysis(
      id,
      parseAnalysisRequest(fields),
      actorFrom(access.user, request),
    );
    if (kind === 'form') return seeOther(`/cases/${analysis.caseId}#image-${id}`);
    return Response.json(
      { analysis: { id: analysis.id, imageId: id, status: analysis.status, task: analysis.task } },
      { status: 202, headers: { Location: `/api/analyses/${analysis.id}` } },
    );
  } catch (error) {
    return failure(error, kind ?? 'json', back);
  }
}
