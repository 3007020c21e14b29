import { authorizeApi } from '../../../../server/api-access';
import { readCase, updateCaseDetails } from '../../../../server/case-records';
import { actorFrom, bodyKind, failure, readFields, refuseCrossSite } from '../../../../server/route-helpers';

type Params = { params: Promise<{ id: string }> };

/** The case with its patient reference, images (with analyses) and reviews. */
export async function GET(request: Request, { params }: Params) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    return Response.json({ case: await readCase(id, actorFrom(access.user, request)) });
  } catch (error) {
    return failure(error, 'json', `/cases/${id}`);
  }
}

/** Edits the case's details (JSON): only the fields sent change. */
export async function PATCH(request: Request, { params }: Params) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    refuseCrossSite(request);
    const fields = await readFields(request, bodyKind(request) === 'json' ? 'json' : null);
    return Response.json({ case: await updateCaseDetails(id, fields, actorFrom(access.user, request)) });
  } catch (error) {
    return failure(error, 'json', `/cases/${id}/edit`);
  }
}

/** The edit-details form (forms cannot send PATCH): saves and goes back to the case page. */
export async function POST(request: Request, { params }: Params) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const kind = bodyKind(request);
  try {
    refuseCrossSite(request);
    const updated = await updateCaseDetails(
      id,
      await readFields(request, kind),
      actorFrom(access.user, request),
    );
    if (kind === 'form') return new Response(null, { status: 303, headers: { Location: `/cases/${id}` } });
    return Response.json({ case: updated });
  } catch (error) {
    return failure(error, kind, `/cases/${id}/edit`);
  }
}
