import { authorizeApi } from '../../../../../../server/api-access';
import { parseReviewInput, updateReview } from '../../../../../../server/reviews';
import {
  actorFrom,
  bodyKind,
  failure,
  readFields,
  refuseCrossSite,
} from '../../../../../../server/route-helpers';

type Params = { params: Promise<{ id: string; reviewId: string }> };

async function update(request: Request, { params }: Params) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id, reviewId } = await params;
  const kind = bodyKind(request);
  try {
    refuseCrossSite(request);
    const input = parseReviewInput(await readFields(request, kind));
    const review = await updateReview(id, reviewId, input, actorFrom(access.user, request));
    if (kind === 'form')
      return new Response(null, { status: 303, headers: { Location: `/cases/${id}#review-${reviewId}` } });
    return Response.json({ review });
  } catch (error) {
    return failure(error, kind, `/cases/${id}`);
  }
}

/** Replaces a draft review's fields (and signs it off with `signOff: true`); 409 once signed off. */
export async function PATCH(request: Request, context: Params) {
  return update(request, context);
}

/** The same as PATCH, for the case page's HTML form. */
export async function POST(request: Request, context: Params) {
  return update(request, context);
}
