import { parseAnalysisRequest } from '../../../../../server/analysis-requests';
import { scheduleAnalysis } from '../../../../../server/analysis-scheduling';
import { authorizeApi } from '../../../../../server/api-access';
import { addCaseVideo } from '../../../../../server/analysis-video-upload';
import {
  addCaseImage,
  parseUploadKind,
  UPLOAD_KINDS,
  type UploadKind,
} from '../../../../../server/case-images';
import { MAX_UPLOAD_BYTES } from '../../../../../server/image-validation';
import { actorFrom, failure, refuseCrossSite } from '../../../../../server/route-helpers';
import { ServiceError } from '../../../../../server/service-error';
import type { Actor } from '../../../../../server/actor';
import type { UploadedFile } from '../../../../../server/case-images';

// Room for the multipart envelope and the other fields around the file itself.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

// Images go through case-images; short face videos are split into analysed frames.
function parseKind(value: unknown): UploadKind | 'VIDEO' {
  if (value === 'VIDEO') return 'VIDEO';
  try {
    return parseUploadKind(value);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const got = typeof value === 'string' ? `"${value}"` : 'nothing';
    throw new ServiceError(400, `kind must be ${[...UPLOAD_KINDS, 'VIDEO'].join(', ')}, got ${got}.`, 'kind');
  }
}

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
    kind: parseKind(form.get('kind')),
    // Checked before the file is stored, so a bad scale refuses the upload instead of half-doing it.
    analysis: parseAnalysisRequest({ pxPerMm: form.get('pxPerMm') ?? undefined }),
    file: { name, bytes: new Uint8Array(await file.arrayBuffer()) },
  };
}

/**
 * Adds one image (field `file`, `kind` DERMOSCOPY or FACE, optional `pxPerMm`) to the case and queues
 * its analysis; `kind` VIDEO takes a short face video, stored with one VIDEO_FRAME image per sampled
 * frame, each analysed. The answer does not wait for the models; `analysis` is the PENDING row, or null with
 * `analysisError` saying why none could be queued (the image is stored either way).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const { id } = await params;
  const fromForm = request.headers.get('accept')?.includes('text/html') ?? false;
  const formPage = `/cases/${id}`;
  try {
    refuseCrossSite(request);
    const upload = await readUpload(request);
    const actor = actorFrom(access.user, request);
    if (upload.kind === 'VIDEO') return await uploadVideo(id, upload.file, actor, fromForm);
    const result = await addCaseImage(id, upload.kind, upload.file, actor);
    let analysis = null;
    let analysisError: string | null = null;
    try {
      const queued = await scheduleAnalysis(result.image.id, upload.analysis, actor);
      analysis = { id: queued.id, status: queued.status, task: queued.task };
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      analysisError = error.message;
    }
    if (fromForm) {
      return new Response(null, {
        status: 303,
        headers: { Location: `${formPage}?uploaded=${encodeURIComponent(upload.file.name)}` },
      });
    }
    return Response.json(
      { ...result, analysis, analysisError },
      { status: 201, headers: { Location: `/api/images/${result.image.id}` } },
    );
  } catch (error) {
    return failure(error, fromForm ? 'form' : 'json', formPage);
  }
}

async function uploadVideo(caseId: string, file: UploadedFile, actor: Actor, fromForm: boolean) {
  const result = await addCaseVideo(caseId, file, actor);
  const analyses = [];
  let analysisError: string | null = null;
  for (const frame of result.frames) {
    try {
      const queued = await scheduleAnalysis(frame.id, { pxPerMm: null }, actor);
      analyses.push({ id: queued.id, imageId: frame.id, status: queued.status, task: queued.task });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      analysisError = error.message;
      break;
    }
  }
  if (fromForm) {
    const notice = `${file.name} (${result.frames.length} frames)`;
    return new Response(null, {
      status: 303,
      headers: { Location: `/cases/${caseId}?uploaded=${encodeURIComponent(notice)}` },
    });
  }
  return Response.json({ ...result, analyses, analysisError }, { status: 201 });
}
