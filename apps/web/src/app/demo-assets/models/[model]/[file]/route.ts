import { fileResponse } from '../../../../../demo/server/file-response';
import { demoModelFile } from '../../../../../demo/server/shipped-models';

/** GET /demo-assets/models/<model>/<file>: model.json and weights of the demo's shipped models. */
export async function GET(_request: Request, { params }: { params: Promise<{ model: string; file: string }> }) {
  const { model, file } = await params;
  let found: string | null;
  try {
    found = await demoModelFile(model, file);
  } catch (error) {
    return Response.json({ error: (error as Error).message }, { status: 500 });
  }
  if (!found) return Response.json({ error: `The demo serves no file ${model}/${file}.` }, { status: 404 });
  return fileResponse(found, file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
}
