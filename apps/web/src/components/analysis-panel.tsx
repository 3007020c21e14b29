import { finishedOutputs, isAnalysedKind, requestOf } from '../server/analysis-outputs';
import type { CaseDetail } from '../server/case-records';
import { DateTime } from './date-time';
import { DermoscopySummary } from './analysis-dermoscopy-summary';
import { faceBoxes, FaceSummary } from './analysis-face-summary';
import { AnalysisLesionLink, type LesionOption } from './analysis-lesion-link';
import { AnalysisOverlayViewer } from './analysis-overlay-viewer';
import { BUTTON_CLASS } from './form-message';
import { StatusBadge, type Tone } from './status-badge';

type CaseImage = CaseDetail['images'][number];
type Analysis = CaseImage['analyses'][number];

export const ANALYSIS_TONE: Record<string, Tone> = {
  PENDING: 'neutral',
  RUNNING: 'info',
  SUCCEEDED: 'success',
  FAILED: 'danger',
};

const STAGE_NAMES: Record<string, string> = {
  modelLoading: 'model loading',
  decoding: 'decoding',
  preprocessing: 'preprocessing',
  segmentation: 'segmentation',
  abcd: 'ABCD',
  classification: 'classification',
  heatMap: 'Grad-CAM',
  rasters: 'overlays',
  storing: 'storing',
  detection: 'face detection',
  total: 'total',
};

function Timings({ timings }: { timings: unknown }) {
  if (!timings || typeof timings !== 'object') return null;
  const entries = Object.entries(timings as Record<string, number>).filter(
    ([, ms]) => typeof ms === 'number',
  );
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-[11px] text-slate-500" aria-label="Timings">
      {entries.map(([stage, ms]) => (
        <div key={stage} className="contents">
          <dt className={stage === 'total' ? 'font-semibold text-slate-700' : ''}>
            {STAGE_NAMES[stage] ?? stage}
          </dt>
          <dd className="text-right tabular-nums">
            {ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The model versions an analysis ran, as the clinician should see them. */
export function AnalysisModels({ analysis }: { analysis: Analysis }) {
  const outputs = finishedOutputs(analysis.outputs);
  const models =
    outputs?.kind === 'DERMOSCOPY'
      ? [
          ['Classifier', outputs.models.classifier],
          ['Segmentation', outputs.models.segmentation],
        ]
      : outputs?.kind === 'FACE'
        ? [
            ['Emotion classifier', outputs.models.classifier],
            ['Face detector', outputs.models.detector],
          ]
        : [['Model', analysis.modelVersion]];
  return (
    <ul className="space-y-0.5 text-[11px] text-slate-500" data-testid="model-version">
      {models.map(([role, model]) => {
        const ref = model as { name: string; version: string };
        return (
          <li key={role as string}>
            {role as string}: <span className="font-mono text-slate-700">{ref.name}</span> {ref.version}
          </li>
        );
      })}
    </ul>
  );
}

function ReanalyseForm({
  imageId,
  pxPerMm,
  label,
}: {
  imageId: string;
  pxPerMm: number | null;
  label: string;
}) {
  return (
    <form
      method="post"
      action={`/api/images/${imageId}/analyses`}
      className="flex flex-wrap items-end gap-2 text-xs"
    >
      <div>
        <label htmlFor={`scale-${imageId}`} className="block text-slate-600">
          Scale (px per mm)
        </label>
        <input
          id={`scale-${imageId}`}
          name="pxPerMm"
          type="number"
          min="0"
          step="any"
          defaultValue={pxPerMm ?? ''}
          placeholder="optional"
          className="mt-0.5 block w-28 rounded-md border border-slate-300 px-2 py-1 text-xs"
        />
      </div>
      <button
        type="submit"
        className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50"
      >
        {label}
      </button>
    </form>
  );
}

/** One image of a case with its latest analysis (overlays, results, status or error) and earlier runs. */
export function AnalysisPanel({ image, lesions }: { image: CaseImage; lesions?: LesionOption[] }) {
  const [latest, ...earlier] = image.analyses;
  const outputs = latest ? finishedOutputs(latest.outputs) : null;
  const succeeded = latest?.status === 'SUCCEEDED' && outputs;
  const imageUrl = `/api/images/${image.id}`;
  const alt = image.originalName ?? `Image ${image.id}`;
  const analysed = isAnalysedKind(image.kind);
  return (
    <div className="grid gap-5 p-4 lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)]">
      <AnalysisOverlayViewer
        imageUrl={imageUrl}
        alt={alt}
        width={image.width}
        height={image.height}
        maskUrl={
          succeeded && outputs.kind === 'DERMOSCOPY'
            ? `/api/analyses/${latest.id}/artifacts/mask-overlay`
            : null
        }
        heatMapUrl={
          succeeded && outputs.kind === 'DERMOSCOPY' && outputs.artifacts.heatMap
            ? `/api/analyses/${latest.id}/artifacts/heat-map`
            : null
        }
        boxes={succeeded && outputs.kind === 'FACE' ? faceBoxes(outputs) : []}
      />
      <div className="min-w-0 space-y-4" data-testid="analysis" data-status={latest?.status ?? 'NONE'}>
        {!latest ? (
          analysed ? (
            <div className="space-y-2 text-sm text-slate-600">
              <p>No analysis yet.</p>
              <ReanalyseForm imageId={image.id} pxPerMm={null} label="Analyse" />
            </div>
          ) : (
            <p className="text-sm text-slate-400">This kind of image is not analysed.</p>
          )
        ) : latest.status === 'PENDING' || latest.status === 'RUNNING' ? (
          <div className="flex items-center gap-3 rounded-md bg-slate-50 px-3 py-3 text-sm text-slate-700">
            <span
              aria-hidden
              className="size-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent"
            />
            <StatusBadge tone={ANALYSIS_TONE[latest.status]}>{latest.status.toLowerCase()}</StatusBadge>
            <span>
              {latest.status === 'PENDING' ? 'Waiting for the analysis to start…' : 'Analysing…'} The page
              updates by itself.
            </span>
          </div>
        ) : latest.status === 'FAILED' ? (
          <div
            className="space-y-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
            role="alert"
            data-testid="analysis-error"
          >
            <p className="font-medium text-red-800">The analysis failed. The image is kept.</p>
            <p className="break-words text-red-800">{latest.error}</p>
            <form method="post" action={`/api/analyses/${latest.id}/retry`}>
              <button type="submit" className={BUTTON_CLASS}>
                Retry analysis
              </button>
            </form>
          </div>
        ) : outputs?.kind === 'DERMOSCOPY' ? (
          <DermoscopySummary outputs={outputs} />
        ) : outputs?.kind === 'FACE' ? (
          <FaceSummary outputs={outputs} />
        ) : null}
        {latest ? (
          <div className="space-y-2 border-t border-slate-100 pt-3">
            <div className="flex flex-wrap items-center gap-2 text-[11px] text-slate-500">
              <StatusBadge tone={ANALYSIS_TONE[latest.status]}>{latest.status.toLowerCase()}</StatusBadge>
              <span>
                requested <DateTime value={latest.createdAt} precision="second" />
              </span>
            </div>
            <AnalysisModels analysis={latest} />
            {latest.timings ? (
              <details className="text-[11px] text-slate-500">
                <summary className="cursor-pointer">Timings</summary>
                <div className="mt-1 max-w-56">
                  <Timings timings={latest.timings} />
                </div>
              </details>
            ) : null}
            {succeeded && outputs.kind === 'DERMOSCOPY' ? (
              <details className="text-[11px] text-slate-500">
                <summary className="cursor-pointer">Analyse again (e.g. with the image scale)</summary>
                <div className="mt-2">
                  <ReanalyseForm
                    imageId={image.id}
                    pxPerMm={requestOf(latest.outputs).pxPerMm}
                    label="Analyse again"
                  />
                </div>
              </details>
            ) : null}
          </div>
        ) : null}
        {earlier.length > 0 ? (
          <details className="text-[11px] text-slate-500">
            <summary className="cursor-pointer">Earlier analyses ({earlier.length})</summary>
            <ul className="mt-1 space-y-1">
              {earlier.map((analysis) => (
                <li key={analysis.id} className="flex flex-wrap items-center gap-2">
                  <StatusBadge tone={ANALYSIS_TONE[analysis.status]}>
                    {analysis.status.toLowerCase()}
                  </StatusBadge>
                  <DateTime value={analysis.createdAt} precision="second" />
                  <span>
                    {analysis.modelVersion.name} {analysis.modelVersion.version}
                  </span>
                  {analysis.error ? <span className="break-words text-red-700">{analysis.error}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {image.kind === 'DERMOSCOPY' && lesions ? (
          <AnalysisLesionLink imageId={image.id} lesionId={image.lesionId} lesions={lesions} />
        ) : null}
      </div>
    </div>
  );
}
