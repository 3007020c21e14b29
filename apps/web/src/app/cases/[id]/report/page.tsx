import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DermoscopySummary } from '../../../../components/analysis-dermoscopy-summary';
import { faceBoxes, FaceSummary } from '../../../../components/analysis-face-summary';
import { AnalysisModels } from '../../../../components/analysis-panel';
import { labelName } from '../../../../components/analysis-probability-bars';
import { AnalysisVideoTimeline, videoGroups } from '../../../../components/analysis-video-timeline';
import { CASE_STATUS } from '../../../../components/case-status';
import { DateTime } from '../../../../components/date-time';
import { ReportDisclaimer } from '../../../../components/report-disclaimer';
import { ReportImageFigure } from '../../../../components/report-image-figure';
import { ReportPrintButton } from '../../../../components/report-print-button';
import { finishedOutputs } from '../../../../server/analysis-outputs';
import { readCase, type CaseDetail } from '../../../../server/case-records';
import { pageActor } from '../../../../server/page-actor';
import { requirePageAccess } from '../../../../server/page-access';
import { ServiceError } from '../../../../server/service-error';

export const metadata: Metadata = { title: 'Case report' };

// On paper: no portal chrome, A4 margins, no figure or table split across pages.
const PRINT_STYLE = `
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: white !important; }
  body > header { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  section, figure, tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

const AGREEMENT_TEXT: Record<string, string> = {
  AGREE: 'agrees with the model',
  PARTIAL: 'partly agrees with the model',
  DISAGREE: 'disagrees with the model',
};

type CaseImage = CaseDetail['images'][number];

function ImageSection({ image, index }: { image: CaseImage; index: number }) {
  const latest = image.analyses.find((analysis) => analysis.status === 'SUCCEEDED');
  const outputs = latest ? finishedOutputs(latest.outputs) : null;
  const imageUrl = `/api/images/${image.id}`;
  const name = image.originalName ?? image.id;
  return (
    <section
      data-testid="report-image"
      className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 print:rounded-none print:border-0 print:border-t print:px-0"
    >
      <h2 className="mb-3 text-sm font-semibold text-slate-900">
        Image {index + 1}: {name}{' '}
        <span className="font-normal text-slate-500">
          · {image.kind === 'DERMOSCOPY' ? 'dermoscopy' : image.kind === 'FACE' ? 'face' : 'video frame'} ·{' '}
          {image.width}×{image.height} · uploaded <DateTime value={image.createdAt} />
        </span>
      </h2>
      {!latest || !outputs ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <ReportImageFigure
            imageUrl={imageUrl}
            width={image.width}
            height={image.height}
            alt={name}
            caption="As uploaded."
          />
          <p className="text-sm text-slate-600">
            {image.analyses[0]?.status === 'FAILED'
              ? `The analysis failed: ${image.analyses[0].error}`
              : image.analyses.length > 0
                ? 'The analysis has not finished.'
                : 'Not analysed.'}
          </p>
        </div>
      ) : outputs.kind === 'DERMOSCOPY' ? (
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.2fr)] print:grid-cols-[1fr_1fr_1.2fr]">
          <ReportImageFigure
            imageUrl={imageUrl}
            overlayUrl={`/api/analyses/${latest.id}/artifacts/mask-overlay`}
            width={image.width}
            height={image.height}
            alt={`${name} with the lesion mask`}
            caption="Lesion mask (teal) and border (amber) from the segmentation model."
          />
          {outputs.artifacts.heatMap ? (
            <ReportImageFigure
              imageUrl={imageUrl}
              overlayUrl={`/api/analyses/${latest.id}/artifacts/heat-map`}
              overlayOpacity={0.8}
              width={image.width}
              height={image.height}
              alt={`${name} with the Grad-CAM heat map`}
              caption={`Grad-CAM: regions that drove “${labelName(outputs.heatMapClass?.label ?? outputs.topLabel)}”.`}
            />
          ) : (
            <div />
          )}
          <div className="space-y-3">
            <DermoscopySummary outputs={outputs} />
            <AnalysisModels analysis={latest} />
            <p className="text-[11px] text-slate-500">
              Analysed <DateTime value={latest.finishedAt ?? latest.createdAt} />
            </p>
          </div>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <ReportImageFigure
            imageUrl={imageUrl}
            boxes={faceBoxes(outputs)}
            width={image.width}
            height={image.height}
            alt={`${name} with the detected faces`}
            caption="Detected faces, numbered as in the table."
          />
          <div className="space-y-3">
            <FaceSummary outputs={outputs} />
            <AnalysisModels analysis={latest} />
          </div>
        </div>
      )}
    </section>
  );
}

/** A printable summary of one case: images with overlays, measurements, probabilities, model versions, reviews. */
export default async function CaseReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageAccess('cases', `/cases/${id}/report`);
  let found: CaseDetail;
  try {
    found = await readCase(id, await pageActor(user));
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  }
  const signed = found.reviews.filter((review) => review.signedOffAt !== null);
  const drafts = found.reviews.length - signed.length;
  return (
    <article className="space-y-6 text-slate-900" aria-label="Case report">
      <style>{PRINT_STYLE}</style>
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <Link href={`/cases/${found.id}`} className="text-sm text-brand-700 hover:underline">
          ← Back to the case
        </Link>
        <span className="ml-auto">
          <ReportPrintButton />
        </span>
      </div>
      <header className="flex flex-wrap items-end justify-between gap-4 border-b-2 border-slate-900 pb-3">
        <div>
          <p className="text-xs font-semibold uppercase tracking-widest text-brand-700 print:text-slate-700">
            VisionCAD · case report
          </p>
          <h1 className="font-mono text-2xl font-semibold">{found.patient.reference}</h1>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Visit</dt>
            <dd>
              <DateTime value={found.visitDate} precision="day" />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Body site</dt>
            <dd>{found.bodySite ?? 'not recorded'}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Patient age · sex</dt>
            <dd>
              {found.patientAgeYears !== null ? `${found.patientAgeYears} y` : 'age not recorded'} ·{' '}
              {found.patientSex ?? 'sex not recorded'}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd>{CASE_STATUS[found.status].label}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Printed</dt>
            <dd>
              <DateTime value={new Date()} /> by {user.name}
            </dd>
          </div>
        </dl>
      </header>
      <ReportDisclaimer />
      {found.clinicalNotes ? (
        <section>
          <h2 className="mb-1 text-sm font-semibold">Clinical notes</h2>
          <p className="whitespace-pre-wrap text-sm text-slate-700">{found.clinicalNotes}</p>
        </section>
      ) : null}
      {found.images.length === 0 ? (
        <p className="text-sm text-slate-500">No images were uploaded to this case.</p>
      ) : (
        found.images
          .filter((image) => image.kind !== 'VIDEO_FRAME')
          .map((image, k) => <ImageSection key={image.id} image={image} index={k} />)
      )}
      {videoGroups(found.images).map((group) => (
        <section
          key={group.sourceKey}
          data-testid="report-video"
          className="break-inside-avoid rounded-lg border border-slate-200 bg-white print:rounded-none print:border-0 print:border-t"
        >
          <h2 className="px-4 pt-4 text-sm font-semibold text-slate-900">
            Video: {group.name}{' '}
            <span className="font-normal text-slate-500">
              · {group.frames.length} frames, emotion timeline
            </span>
          </h2>
          <AnalysisVideoTimeline group={group} />
        </section>
      ))}
      <section aria-labelledby="report-reviews" data-testid="report-reviews" className="break-inside-avoid">
        <h2 id="report-reviews" className="mb-2 text-sm font-semibold">
          Clinician review
        </h2>
        {signed.length === 0 ? (
          <p className="text-sm text-slate-600">
            No review has been signed off{drafts > 0 ? ` (${drafts} draft${drafts === 1 ? '' : 's'})` : ''}.
          </p>
        ) : (
          <ul className="space-y-2">
            {signed.map((review) => (
              <li key={review.id} className="rounded border border-slate-200 p-3 text-sm">
                <p>
                  <strong>{labelName(review.label)}</strong>
                  {review.agreement ? ` — ${AGREEMENT_TEXT[review.agreement]}` : ''}
                  {review.amendsId ? ' (amendment)' : ''}
                </p>
                {review.comment ? (
                  <p className="mt-1 whitespace-pre-wrap text-slate-700">{review.comment}</p>
                ) : null}
                <p className="mt-1 text-xs text-slate-500">
                  Signed off by {review.reviewer.name} on <DateTime value={review.signedOffAt as Date} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer className="border-t border-slate-200 pt-3 text-[11px] text-slate-500">
        Case {found.id}. Model outputs are decision support, not a diagnosis. Diameters in millimetres need
        the image scale given at upload; the TDS bands are Stolz&apos;s (below 4.75 benign, 4.75–5.45
        suspicious, above 5.45 highly suspicious).
      </footer>
    </article>
  );
}
