import { authorizeApi } from '../../../../../server/api-access';
import { addCaseImage, parseUploadKind } from '../../../../../server/case-images';
import { MAX_UPLOAD_BYTES } from '../../../../../server/image-validation';
import { actorFrom, failure, refuseCrossSite } from '../../../../../server/route-helpers';
import { ServiceError } from '../../../../../server/service-error';

// Room for the multipart envelope and the other fields around the file itself.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

async function readUpload(request: Request) {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  if (type !== 'multipart/form-data') {
    throw new ServiceError(415, 'Send the image as multipart/form-data with fields "file" and "kind".');
  }
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) {
    throw new ServiceError(
      413,
      `The upload is ${(length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
      'file',
    );
  }
  const form = await request.formData();
  const file = form.get('file');
  if (!(file instanceof File))
    throw new ServiceError(400, 'file is missing: choose an image to upload.', 'file');
  const name = file.name.trim() || 'the uploaded file';
  return {
    kind: parseUploadKind(form.get('kind')),
    file: { name, bytes: new Uint8Array(await file.arrayBuffer()) },
  };
}

/** Adds one image (field `file`, `kind` DERMOSCOPY or FACE) to the case. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const fromForm = request.headers.get('accept')?.includes('text/html') ?? false;
  const formPage = `/cases/${id}`;
  try {
    refuseCrossSite(request);
    const upload = await readUpload(request);
    const result = await addCaseImage(id, upload.kind, upload.file, actorFrom(access.user, request));
    if (fromForm) {
      return new Response(null, {
        status: 303,
        headers: { Location: `${formPage}?uploaded=${encodeURIComponent(upload.file.name)}` },
      });
    }
    return Response.json(result, { status: 201, headers: { Location: `/api/images/${result.image.id}` } });
  } catch (error) {
    return failure(error, fromForm ? 'form' : 'json', formPage);
  }
}
