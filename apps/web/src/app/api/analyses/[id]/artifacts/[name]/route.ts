import { parseArtifactName, readAnalysisArtifact } from '../../../../../../server/analysis-reads';
import { authorizeApi } from '../../../../../../server/api-access';
import { actorFrom, failure } from '../../../../../../server/route-helpers';

/** A PNG the analysis stored: `mask` (gray), `mask-overlay` or `heat-map` (RGBA, image-sized). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; name: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id, name } = await params;
  try {
    const artifact = await readAnalysisArtifact(id, parseArtifactName(name), actorFrom(access.user, request));
    return new Response(new Uint8Array(artifact.bytes), {
      headers: {
        'Content-Type': 'image/png',
        // Content-addressed and never rewritten: safe to cache privately.
        'Cache-Control': 'private, max-age=86400, immutable',
        ETag: `"${artifact.storageKey.split('/').pop()}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return failure(error, 'json', '/cases');
  }
}
