import { authorizeApi } from '../../../../server/api-access';
import { readImageForDisplay } from '../../../../server/case-images';
import { actorFrom, failure } from '../../../../server/route-helpers';

/** The stored image for display: JPEG as stored, everything else as PNG. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  try {
    const image = await readImageForDisplay(id, actorFrom(access.user, request));
    return new Response(Buffer.from(image.bytes), {
      headers: {
        'Content-Type': image.contentType,
        'Cache-Control': 'private, max-age=3600',
        ETag: `"${image.contentHash}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return failure(error, 'json', '/cases');
  }
}
