import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnalysisOverlayViewer } from '../../../components/analysis-overlay-viewer';
import { labelName } from '../../../components/analysis-probability-bars';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/empty-state';
import { StatusBadge, type Tone } from '../../../components/status-badge';
import { TDS_BAND_TEXT } from '../../../server/analysis-outputs';
import {
  FOLLOW_UP_MEASURES,
  readLesionFollowUp,
  type FollowUpMeasure,
  type LesionFollowUp,
  type VisitValues,
} from '../../../server/follow-up-timeline';
import { pageActor } from '../../../server/page-actor';
import { requirePageAccess } from '../../../server/page-access';
import { ServiceError } from '../../../server/service-error';

export const metadata: Metadata = { title: 'Lesion follow-up' };

const MEASURE_NAMES: Record<FollowUpMeasure, string> = {
  diameter: 'Diameter',
  asymmetry: 'Asymmetry (0-2)',
  border: 'Border (0-8)',
  colours: 'Colours (1-6)',
  structures: 'Structures (1-5)',
  tds: 'TDS',
};
const BAND_TONE: Record<string, Tone> = {
  benign: 'success',
  suspicious: 'warning',
  highly_suspicious: 'danger',
};

function value(values: VisitValues, measure: FollowUpMeasure): string {
  if (measure === 'diameter') {
    const d = values.diameter;
    return d ? (d.unit === 'mm' ? `${d.value.toFixed(1)} mm` : `${Math.round(d.value)} px`) : '—';
  }
  const v = values[measure];
  return v === null ? '—' : measure === 'tds' ? v.toFixed(2) : String(v);
}

function Change({ delta, measure }: { delta: number | null; measure: FollowUpMeasure }) {
  if (delta === null) return null;
  const text =
    delta === 0
      ? '±0'
      : `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(measure === 'diameter' || measure === 'tds' ? 1 : 0)}`;
  const tone = delta > 0 ? 'text-red-700' : delta < 0 ? 'text-emerald-700' : 'text-slate-400';
  return <span className={`ml-1 text-xs font-medium ${tone}`}>({text})</span>;
}

/** One lesion across visits: images side by side with the change in diameter and ABCD. */
export default async function LesionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageAccess('cases', `/lesions/${id}`);
  let followUp: LesionFollowUp;
  try {
    followUp = await readLesionFollowUp(id, await pageActor(user));
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  }
  const { lesion, patient, visits } = followUp;
  const mixedUnits = new Set(visits.map((v) => v.values.diameter?.unit).filter(Boolean)).size > 1;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={visits[0] ? `/cases/${visits[0].case.id}` : '/cases'}
          className="text-brand-700 hover:underline"
        >
          ← Case
        </Link>
      </p>
      <div className="mb-6">
        <p className="text-xs uppercase tracking-wide text-slate-500">Lesion follow-up</p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{lesion.label}</h1>
        <p className="text-sm text-slate-600">
          Patient <span className="font-mono">{patient.reference}</span> ·{' '}
          {lesion.bodySite ?? 'body site not recorded'} · {visits.length} visit
          {visits.length === 1 ? '' : 's'}
        </p>
      </div>
      {visits.length === 0 ? (
        <EmptyState title="No images of this lesion">
          Link dermoscopy images to it from their case pages.
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="changes-heading" className="mb-8 overflow-x-auto">
            <h2 id="changes-heading" className="mb-2 text-sm font-semibold text-slate-900">
              Change between visits
            </h2>
            <table
              className="min-w-full rounded-lg border border-slate-200 bg-white text-sm"
              aria-label="Change between visits"
            >
              <thead className="bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium">
                    Measure
                  </th>
                  {visits.map((visit) => (
                    <th key={visit.image.id} scope="col" className="px-3 py-2 text-left font-medium">
                      <DateTime value={visit.case.visitDate} precision="day" />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {FOLLOW_UP_MEASURES.map((measure) => (
                  <tr key={measure}>
                    <th scope="row" className="px-3 py-1.5 text-left font-medium text-slate-600">
                      {MEASURE_NAMES[measure]}
                    </th>
                    {visits.map((visit) => (
                      <td
                        key={visit.image.id}
                        className="px-3 py-1.5 tabular-nums"
                        data-testid={`${measure}-value`}
                      >
                        {value(visit.values, measure)}
                        <Change delta={visit.sincePrevious?.[measure] ?? null} measure={measure} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-xs text-slate-500">
              In brackets: change since the previous visit.
              {mixedUnits
                ? ' Some images have no scale, so their diameter is in pixels and not compared with millimetres.'
                : ''}
            </p>
          </section>
          <section aria-labelledby="visits-heading">
            <h2 id="visits-heading" className="mb-2 text-sm font-semibold text-slate-900">
              Images side by side
            </h2>
            <ol className="grid auto-cols-[minmax(15rem,1fr)] grid-flow-col gap-4 overflow-x-auto pb-2">
              {visits.map((visit) => (
                <li
                  key={visit.image.id}
                  data-testid="follow-up-visit"
                  className="rounded-lg border border-slate-200 bg-white p-3"
                >
                  <p className="mb-2 text-sm font-medium text-slate-900">
                    <Link
                      href={`/cases/${visit.case.id}#image-${visit.image.id}`}
                      className="hover:underline"
                    >
                      <DateTime value={visit.case.visitDate} precision="day" />
                    </Link>
                    <span className="ml-2 text-xs font-normal text-slate-500">
                      {visit.image.originalName}
                    </span>
                  </p>
                  <AnalysisOverlayViewer
                    imageUrl={`/api/images/${visit.image.id}`}
                    alt={visit.image.originalName ?? visit.image.id}
                    width={visit.image.width}
                    height={visit.image.height}
                    maskUrl={
                      visit.analysis ? `/api/analyses/${visit.analysis.id}/artifacts/mask-overlay` : null
                    }
                  />
                  {visit.outputs?.abcd ? (
                    <div className="mt-2 space-y-1 text-xs text-slate-600">
                      <StatusBadge tone={BAND_TONE[visit.outputs.abcd.band]}>
                        TDS {visit.outputs.abcd.tds.toFixed(2)} · {TDS_BAND_TEXT[visit.outputs.abcd.band]}
                      </StatusBadge>
                      <p>
                        Model: {labelName(visit.outputs.topLabel)} ·{' '}
                        <span className="font-mono">{visit.analysis?.modelVersion.name}</span>{' '}
                        {visit.analysis?.modelVersion.version}
                      </p>
                    </div>
                  ) : (
                    <p className="mt-2 text-xs text-slate-500">No finished analysis with ABCD values.</p>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
