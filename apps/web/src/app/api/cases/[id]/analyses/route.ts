import { readCaseAnalyses } from '../../../../../server/analysis-reads';
import { authorizeApi } from '../../../../../server/api-access';
import { actorFrom, failure } from '../../../../../server/route-helpers';

/** Every image of the case with its analyses, newest first. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    return Response.json(await readCaseAnalyses(id, actorFrom(access.user, request)));
  } catch (error) {
    return failure(error, 'json', `/cases/${id}`);
  }
}
