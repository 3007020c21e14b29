import { authorizeApi } from '../../../../server/api-access';
import { readCase } from '../../../../server/case-records';
import { actorFrom, failure } from '../../../../server/route-helpers';

/** The case with its patient reference, images (with analyses) and reviews. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    return Response.json({ case: await readCase(id, actorFrom(access.user, request)) });
  } catch (error) {
    return failure(error, 'json', `/cases/${id}`);
  }
}
