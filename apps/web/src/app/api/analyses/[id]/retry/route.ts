import { scheduleRetry } from '../../../../../server/analysis-scheduling';
import { authorizeApi } from '../../../../../server/api-access';
import { actorFrom, failure, refuseCrossSite } from '../../../../../server/route-helpers';
import { seeOther } from '../../../../../server/responses';

/**
 * Runs a FAILED analysis again as a new analysis (the failed one stays on record); 202 with it.
 * From the case page's form: a 303 back to the case.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const fromForm = request.headers.get('accept')?.includes('text/html') ?? false;
  const referer = request.headers.get('referer');
  const back = referer ? new URL(referer).pathname : '/cases';
  try {
    refuseCrossSite(request);
    const analysis = await scheduleRetry(id, actorFrom(access.user, request));
    if (fromForm) return seeOther(`/cases/${analysis.caseId}#image-${analysis.imageId}`);
    return Response.json(
      {
        analysis: {
          id: analysis.id,
          imageId: analysis.imageId,
          status: analysis.status,
          task: analysis.task,
        },
        retryOf: id,
      },
      { status: 202, headers: { Location: `/api/analyses/${analysis.id}` } },
    );
  } catch (error) {
    return failure(error, fromForm ? 'form' : 'json', back);
  }
}
