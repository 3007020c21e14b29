import { readAnalysis } from '../../../../server/analysis-reads';
import { authorizeApi } from '../../../../server/api-access';
import { actorFrom, failure } from '../../../../server/route-helpers';

/** One analysis: status, model version, outputs once finished, artifact URLs, timings, error. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    return Response.json({ analysis: await readAnalysis(id, actorFrom(access.user, request)) });
  } catch (error) {
    return failure(error, 'json', '/cases');
  }
}
