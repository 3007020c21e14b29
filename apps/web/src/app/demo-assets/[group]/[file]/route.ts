import { fileResponse } from '../../../../demo/server/file-response';
import { runtimeAsset } from '../../../../demo/server/runtime-assets';

/** GET /demo-assets/<group>/<file>: tfjs wasm binaries and face-api weights for the public demo. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ group: string; file: string }> },
) {
  const { group, file } = await params;
  const asset = runtimeAsset(group, file);
  if (!asset) return Response.json({ error: `No demo asset ${group}/${file}.` }, { status: 404 });
  return fileResponse(asset.file, asset.contentType);
}
