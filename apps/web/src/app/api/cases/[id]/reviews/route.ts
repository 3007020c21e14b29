import { authorizeApi } from '../../../../../server/api-access';
import { createReview, parseReviewInput } from '../../../../../server/reviews';
import {
  actorFrom,
  bodyKind,
  failure,
  readFields,
  refuseCrossSite,
} from '../../../../../server/route-helpers';

/** Records a review of the case: `{ label, agreement?, comment?, signOff?, imageId?, amendsId? }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const kind = bodyKind(request);
  try {
    refuseCrossSite(request);
    const input = parseReviewInput(await readFields(request, kind));
    const review = await createReview(id, input, actorFrom(access.user, request));
    if (kind === 'form')
      return new Response(null, { status: 303, headers: { Location: `/cases/${id}#review-${review.id}` } });
    return Response.json({ review }, { status: 201 });
  } catch (error) {
    return failure(error, kind, `/cases/${id}`);
  }
}
