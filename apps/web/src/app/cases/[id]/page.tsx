import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnalysisAutoRefresh } from '../../../components/analysis-auto-refresh';
import { AnalysisPanel } from '../../../components/analysis-panel';
import { AnalysisVideoTimeline, videoGroups } from '../../../components/analysis-video-timeline';
import { CASE_STATUS } from '../../../components/case-status';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/empty-state';
import { BUTTON_CLASS, FIELD_CLASS, FormMessage, LABEL_CLASS } from '../../../components/form-message';
import { StatusBadge } from '../../../components/status-badge';
import { analysisQueue } from '../../../server/analysis-queue';
import { UPLOAD_KINDS } from '../../../server/case-images';
import { listPatientLesions } from '../../../server/follow-up-assignment';
import { readCase, type CaseDetail } from '../../../server/case-records';
import { MAX_VIDEO_SECONDS } from '../../../server/analysis-video-upload';
import { MAX_UPLOAD_BYTES } from '../../../server/image-validation';
import { pageActor } from '../../../server/page-actor';
import { requirePageAccess } from '../../../server/page-access';
import { AGREEMENTS, REVIEW_LABELS, type ReviewLabel } from '../../../server/reviews';
import { ServiceError } from '../../../server/service-error';

export const metadata: Metadata = { title: 'Case' };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Review = CaseDetail['reviews'][number];

const AGREEMENT_TEXT: Record<string, string> = {
  AGREE: 'Agrees',
  PARTIAL: 'Partly agrees',
  DISAGREE: 'Disagrees',
};

function labelText(label: string): string {
  return label in REVIEW_LABELS ? REVIEW_LABELS[label as ReviewLabel] : label;
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function ReviewFields({ review, hasAnalysis }: { review?: Review; hasAnalysis: boolean }) {
  const prefix = review ? `${review.id}-` : 'new-';
  return (
    <>
      <div>
        <label htmlFor={`${prefix}label`} className={LABEL_CLASS}>
          Diagnosis
        </label>
        <select
          id={`${prefix}label`}
          name="label"
          required
          defaultValue={review?.label ?? ''}
          className={FIELD_CLASS}
        >
          <option value="" disabled>
            Choose a diagnosis
          </option>
          {Object.entries(REVIEW_LABELS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      {hasAnalysis ? (
        <div>
          <label htmlFor={`${prefix}agreement`} className={LABEL_CLASS}>
            Agreement with the model
          </label>
          <select
            id={`${prefix}agreement`}
            name="agreement"
            defaultValue={review?.agreement ?? ''}
            className={FIELD_CLASS}
          >
            <option value="">Not stated</option>
            {AGREEMENTS.map((value) => (
              <option key={value} value={value}>
                {AGREEMENT_TEXT[value]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor={`${prefix}comment`} className={LABEL_CLASS}>
          Comment
        </label>
        <textarea
          id={`${prefix}comment`}
          name="comment"
          rows={3}
          defaultValue={review?.comment ?? ''}
          className={FIELD_CLASS}
        />
      </div>
    </>
  );
}

function ReviewCard({
  review,
  caseId,
  userId,
  hasAnalysis,
  amendedBy,
}: {
  review: Review;
  caseId: string;
  userId: string;
  hasAnalysis: boolean;
  amendedBy: Review[];
}) {
  const signed = review.signedOffAt !== null;
  return (
    <article
      id={`review-${review.id}`}
      aria-label={`Review by ${review.reviewer.name}`}
      data-testid="review"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-semibold text-slate-900">{labelText(review.label)}</p>
        {signed ? (
          <StatusBadge tone="success">
            {/* One text run: the badge is a flex box, which drops whitespace between items. */}
            <span>
              Signed off <DateTime value={review.signedOffAt as Date} />
            </span>
          </StatusBadge>
        ) : (
          <StatusBadge tone="warning">Draft</StatusBadge>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {review.reviewer.name} · <DateTime value={review.createdAt} />
        {review.agreement ? ` · ${AGREEMENT_TEXT[review.agreement]} with the model` : ''}
        {review.amendsId ? ' · amends an earlier review' : ''}
      </p>
      {review.comment ? (
        <p className="mt-2 whitespace-pre-wrap text-sm text-slate-700">{review.comment}</p>
      ) : null}
      {amendedBy.length > 0 ? (
        <p className="mt-2 text-xs text-amber-800">
          Amended by {amendedBy.length} later review{amendedBy.length === 1 ? '' : 's'}.
        </p>
      ) : null}
      {signed ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-brand-700">Amend this review</summary>
          <p className="mt-2 text-xs text-slate-500">
            A signed-off review never changes; an amendment is recorded beside it.
          </p>
          <form method="post" action={`/api/cases/${caseId}/reviews`} className="mt-2 space-y-3">
            <input type="hidden" name="amendsId" value={review.id} />
            <ReviewFields hasAnalysis={hasAnalysis} />
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="signOff" value="yes" /> Sign off the amendment now
            </label>
            <button type="submit" className={BUTTON_CLASS}>
              Record amendment
            </button>
          </form>
        </details>
      ) : review.reviewerId === userId ? (
        <form
          method="post"
          action={`/api/cases/${caseId}/reviews/${review.id}`}
          aria-label="Edit draft review"
          className="mt-3 space-y-3 border-t border-slate-100 pt-3"
        >
          <ReviewFields review={review} hasAnalysis={hasAnalysis} />
          <div className="flex gap-3">
            <button
              type="submit"
              name="signOff"
              value="false"
              className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Save draft
            </button>
            <button type="submit" name="signOff" value="yes" className={BUTTON_CLASS}>
              Sign off
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}

/** One case: its visit, images (with any analyses), reviews, and the upload and review forms. */
export default async function CasePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const user = await requirePageAccess('cases', `/cases/${id}`);
  const query = await searchParams;
  let found: CaseDetail;
  try {
    found = await readCase(id, await pageActor(user));
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  }
  const error = typeof query.error === 'string' ? query.error : null;
  const signedOff = found.reviews.some((review) => review.signedOffAt !== null);
  const uploaded = typeof query.uploaded === 'string' ? `${query.uploaded} was uploaded.` : null;
  const hasAnalysis = found.images.some((image) =>
    image.analyses.some((analysis) => analysis.status === 'SUCCEEDED'),
  );
  const status = CASE_STATUS[found.status];
  const stills = found.images.filter((image) => image.kind !== 'VIDEO_FRAME');
  const videos = videoGroups(found.images);
  const lesions = found.images.some((image) => image.kind === 'DERMOSCOPY')
    ? await listPatientLesions(found.patientId)
    : [];
  const working = found.images.some((image) =>
    ['PENDING', 'RUNNING'].includes(image.analyses[0]?.status ?? ''),
  );
  // Touching the queue resumes analyses a restarted server left waiting.
  if (working) analysisQueue();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/cases" className="text-brand-700 hover:underline">
          ← Cases
        </Link>
      </p>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">
          {found.patient.reference}
        </h1>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
        <div className="ml-auto flex gap-2">
          {signedOff ? null : (
            <Link
              href={`/cases/${found.id}/edit`}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              Edit details
            </Link>
          )}
          <Link
            href={`/cases/${found.id}/report`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Printable report
          </Link>
        </div>
      </div>
      {working ? <AnalysisAutoRefresh /> : null}
      <dl className="mb-6 grid max-w-3xl grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Visit</dt>
          <dd>
            <DateTime value={found.visitDate} precision="day" />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Body site</dt>
          <dd>{found.bodySite ?? 'not recorded'}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Patient age · sex</dt>
          <dd data-testid="case-age-sex">
            {found.patientAgeYears !== null ? `${found.patientAgeYears} y` : 'age not recorded'} ·{' '}
            {found.patientSex ?? 'sex not recorded'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Opened by</dt>
          <dd>{found.createdBy.name}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Opened</dt>
          <dd>
            <DateTime value={found.createdAt} />
          </dd>
        </div>
        <div className="col-span-2 sm:col-span-4">
          <dt className="text-xs text-slate-500">Clinical notes</dt>
          <dd className="whitespace-pre-wrap">
            {found.clinicalNotes ?? <span className="text-slate-400">none</span>}
          </dd>
        </div>
      </dl>

      <FormMessage error={error} notice={uploaded} />

      <section aria-labelledby="images-heading" className="mb-10">
        <h2 id="images-heading" className="mb-3 text-sm font-semibold text-slate-900">
          {videos.length === 0
            ? `Images (${stills.length})`
            : stills.length === 0
              ? `Videos (${videos.length})`
              : `Images (${stills.length}) and videos (${videos.length})`}
        </h2>
        {found.images.length === 0 ? (
          <EmptyState title="No images yet">Upload a dermoscopy or face image below.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {stills.map((image) => (
              <li
                key={image.id}
                id={`image-${image.id}`}
                data-testid="case-image"
                className="overflow-hidden rounded-lg border border-slate-200 bg-white"
              >
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
                  <p className="truncate text-sm font-medium text-slate-900">
                    {image.originalName ?? image.id}
                  </p>
                  <p>
                    {image.kind === 'DERMOSCOPY'
                      ? 'Dermoscopy'
                      : image.kind === 'FACE'
                        ? 'Face'
                        : 'Video frame'}{' '}
                    · {image.width}×{image.height} · {megabytes(image.byteSize)} · {image.mimeType}
                  </p>
                  <p>
                    {image.uploadedBy.name} · <DateTime value={image.createdAt} />
                  </p>
                </div>
                <AnalysisPanel image={image} lesions={lesions} />
              </li>
            ))}
          </ul>
        )}
        {videos.length > 0 ? (
          <ul className="mt-4 space-y-4">
            {videos.map((group) => (
              <li
                key={group.sourceKey}
                data-testid="case-video"
                className="overflow-hidden rounded-lg border border-slate-200 bg-white"
              >
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
                  <p className="truncate text-sm font-medium text-slate-900">{group.name}</p>
                  <p>
                    Face video · {group.frames.length} frames sampled at 2 per second ·{' '}
                    {group.frames[0].width}×{group.frames[0].height}
                  </p>
                </div>
                <AnalysisVideoTimeline group={group} />
              </li>
            ))}
          </ul>
        ) : null}
        <form
          method="post"
          action={`/api/cases/${found.id}/images`}
          encType="multipart/form-data"
          aria-label="Upload image"
          className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
        >
          <div>
            <label htmlFor="file" className={LABEL_CLASS}>
              Image (JPEG, PNG, BMP or TIFF) or face video
            </label>
            <input
              id="file"
              name="file"
              type="file"
              required
              accept=".jpg,.jpeg,.png,.bmp,.tif,.tiff,.mp4,.mov,.webm,.mkv,.avi,image/jpeg,image/png,image/bmp,image/tiff,video/*"
              className="mt-1 block text-sm"
              aria-describedby="file-hint"
            />
            <p id="file-hint" className="mt-1 text-xs text-slate-500">
              Videos: MP4, MOV, WebM or AVI, at most {MAX_VIDEO_SECONDS} s. Up to{' '}
              {MAX_UPLOAD_BYTES / 1024 / 1024} MB per file.
            </p>
          </div>
          <div>
            <label htmlFor="pxPerMm" className={LABEL_CLASS}>
              Scale (px per mm, optional)
            </label>
            <input
              id="pxPerMm"
              name="pxPerMm"
              type="number"
              min="0"
              step="any"
              placeholder="e.g. 20"
              className={`${FIELD_CLASS} w-36`}
            />
          </div>
          <div>
            <label htmlFor="kind" className={LABEL_CLASS}>
              Kind
            </label>
            <select id="kind" name="kind" defaultValue="DERMOSCOPY" className={FIELD_CLASS}>
              {UPLOAD_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind === 'DERMOSCOPY' ? 'Dermoscopy' : 'Face'}
                </option>
              ))}
              <option value="VIDEO">Face video</option>
            </select>
          </div>
          <button type="submit" className={BUTTON_CLASS}>
            Upload
          </button>
        </form>
      </section>

      <section aria-labelledby="reviews-heading" className="max-w-3xl">
        <h2 id="reviews-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Reviews ({found.reviews.length})
        </h2>
        <div className="space-y-3">
          {found.reviews.map((review) => (
            <ReviewCard
              key={review.id}
              review={review}
              caseId={found.id}
              userId={user.id}
              hasAnalysis={hasAnalysis}
              amendedBy={found.reviews.filter((other) => other.amendsId === review.id)}
            />
          ))}
        </div>
        <form
          method="post"
          action={`/api/cases/${found.id}/reviews`}
          aria-label="Record a review"
          className="mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h3 className="text-sm font-semibold text-slate-900">Record a review</h3>
          {hasAnalysis ? null : (
            <p className="text-xs text-slate-500">
              No model analysis exists for this case, so there is nothing to agree with.
            </p>
          )}
          <ReviewFields hasAnalysis={hasAnalysis} />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="signOff" value="yes" /> Sign off now (the review can then no longer
            change)
          </label>
          <button type="submit" className={BUTTON_CLASS}>
            Save review
          </button>
        </form>
      </section>
    </>
  );
}
