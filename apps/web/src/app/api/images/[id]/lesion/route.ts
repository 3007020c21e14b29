import { authorizeApi } from '../../../../../server/api-access';
import { parseLesionAssignment, assignLesion } from '../../../../../server/follow-up-assignment';
import { readImageLesionFollowUp } from '../../../../../server/follow-up-timeline';
import {
  actorFrom,
  bodyKind,
  failure,
  readFields,
  refuseCrossSite,
} from '../../../../../server/route-helpers';
import { seeOther } from '../../../../../server/responses';

type Context = { params: Promise<{ id: string }> };

/** The lesion the image shows, followed across visits (diameter and ABCD per visit, with changes). */
export async function GET(request: Request, { params }: Context) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    return Response.json(await readImageLesionFollowUp(id, actorFrom(access.user, request)));
  } catch (error) {
    return failure(error, 'json', '/cases');
  }
}

/** Links the image to a lesion: `{ lesionId }` (or "none") or `{ newLabel }` for a new one. */
export async function POST(request: Request, { params }: Context) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const kind = bodyKind(request);
  const referer = request.headers.get('referer');
  const back = referer ? new URL(referer).pathname : '/cases';
  try {
    refuseCrossSite(request);
    const assignment = parseLesionAssignment(await readFields(request, kind));
    const result = await assignLesion(id, assignment, actorFrom(access.user, request));
    if (kind === 'form') return seeOther(`/cases/${result.caseId}#image-${id}`);
    return Response.json({ imageId: id, lesionId: result.lesionId });
  } catch (error) {
    return failure(error, kind ?? 'json', back);
  }
}
