import type { Metadata } from 'next';
import Link from 'next/link';
import { ChartFigure } from '../../components/chart-figure';
import { ConfusionMatrixChart } from '../../components/chart-confusion-matrix';
import { HeadlineFigures } from '../../components/chart-headline';
import { FormMessage } from '../../components/form-message';
import { PageHeader } from '../../components/page-header';
import { StatCard } from '../../components/stat-card';
import {
  modelClinicianAgreement,
  type AgreementReport,
  type NoveltyGroup,
  type VersionAgreement,
} from '../../server/agreement';
import { parseAgreementFilters, type AgreementFilters } from '../../server/agreement-filters';
import { analyticsCounts } from '../../server/analytics';
import { BODY_SITES } from '../../server/case-fields';
import { requirePageAccess } from '../../server/page-access';
import { ServiceError } from '../../server/service-error';

export const metadata: Metadata = { title: 'Analytics' };

type SearchParams = Record<string, string | string[] | undefined>;

const FILTER_CLASS = 'mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

function day(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

// Landis & Koch (1977), the bands clinical papers quote kappa in.
function kappaBand(kappa: number): string {
  if (kappa < 0) return 'worse than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

const WITHOUT_LABEL_TEXT: Record<keyof AgreementReport['withoutModelLabel'], string> = {
  'no-analysis': 'no successful analysis before sign-off',
  'no-label': 'an analysis without a top label',
  'no-face': 'no face found in the image',
  'several-faces': 'several faces in the image (the review does not say which)',
};

function percent(group: NoveltyGroup): string {
  return group.percentAgreement === null ? '–' : `${(group.percentAgreement * 100).toFixed(1)}%`;
}

function VersionPanel({ version }: { version: VersionAgreement }) {
  const { modelVersion, agreement, selfReported } = version;
  const headingId = `agreement-${modelVersion.id}`;
  const title = `${modelVersion.name} ${modelVersion.version}`;
  return (
    <section aria-labelledby={headingId} data-testid="agreement-panel" className="mt-6">
      <h3 id={headingId} className="mb-3 text-sm font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-500">· {modelVersion.task}</span>
      </h3>
      <HeadlineFigures
        label={`Agreement of ${title} with clinicians`}
        figures={[
          { label: 'Readings compared (n)', value: agreement.n.toLocaleString('en') },
          { label: 'Percent agreement', value: `${(agreement.percentAgreement * 100).toFixed(1)}%` },
          {
            label: "Cohen's kappa",
            value: agreement.kappa === null ? 'undefined' : agreement.kappa.toFixed(3),
            detail:
              agreement.kappa === null
                ? 'one label used throughout by both'
                : `${kappaBand(agreement.kappa)} (Landis & Koch)`,
          },
          { label: 'Chance agreement', value: `${(agreement.chanceAgreement * 100).toFixed(1)}%` },
          {
            label: 'Clinicians said they agree',
            value: `${selfReported.AGREE} / ${agreement.n}`,
            detail: `partly ${selfReported.PARTIAL}, disagree ${selfReported.DISAGREE}, not said ${selfReported.none}`,
          },
        ]}
      />
      {version.novelty ? (
        <p className="mt-2 text-xs text-slate-600" data-testid="agreement-novelty">
          Images the model flagged as unlike its training images: {percent(version.novelty.unusual)} agreement
          ({version.novelty.unusual.n}); the others: {percent(version.novelty.usual)} (
          {version.novelty.usual.n})
          {version.novelty.unjudged > 0
            ? `; ${version.novelty.unjudged} read by an analysis without that verdict`
            : ''}
          .
        </p>
      ) : null}
      <div className="mt-4 max-w-3xl">
        <ChartFigure
          title={`Clinician against model: ${title}`}
          caption="Rows: the clinician's signed-off diagnosis (latest amendment); columns: the model's top label on the analysis the clinician saw. Colour is the share of the row."
        >
          <ConfusionMatrixChart
            labels={agreement.labels}
            matrix={agreement.confusionMatrix}
            rowTitle="Clinician"
            columnTitle="Model"
            label={`Clinician against model confusion matrix for ${title}`}
          />
        </ChartFigure>
      </div>
    </section>
  );
}

/** Analysts' view of how the models agree with clinicians, plus counts of analyses and reviews. */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageAccess('analytics');
  const params = await searchParams;
  let filters: AgreementFilters = {};
  let filterError: string | null = null;
  try {
    filters = parseAgreementFilters(params);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = error.message;
  }
  let report: AgreementReport | null = null;
  try {
    report = filterError === null ? await modelClinicianAgreement(filters) : null;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = error.message;
  }
  const { analyses, reviews } = await analyticsCounts();
  const filtered = Boolean(filters.from || filters.to || filters.bodySite || filters.modelVersionId);
  const left = report
    ? (
        Object.entries(report.withoutModelLabel) as [keyof AgreementReport['withoutModelLabel'], number][]
      ).filter(([, count]) => count > 0)
    : [];

  return (
    <>
      <PageHeader title="Analytics">
        How each model version agrees with clinicians&apos; signed-off diagnoses, live from the database;
        held-out metrics from the model cards are on the{' '}
        <Link href="/models" className="text-brand-700 hover:underline">
          Models
        </Link>{' '}
        pages.
      </PageHeader>

      <section aria-labelledby="agreement-heading">
        <h2 id="agreement-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Model–clinician agreement
        </h2>
        <FormMessage error={filterError} />
        <form
          method="get"
          action="/analytics"
          aria-label="Filter agreement"
          className="mb-4 flex flex-wrap items-end gap-3 text-sm"
        >
          <label className="text-slate-600">
            Visit from
            <input type="date" name="from" defaultValue={day(filters.from)} className={FILTER_CLASS} />
          </label>
          <label className="text-slate-600">
            Visit to
            <input type="date" name="to" defaultValue={day(filters.to)} className={FILTER_CLASS} />
          </label>
          <label className="text-slate-600">
            Body site
            <select name="bodySite" defaultValue={filters.bodySite ?? ''} className={FILTER_CLASS}>
              <option value="">Any</option>
              {BODY_SITES.map((site) => (
                <option key={site} value={site}>
                  {site}
                </option>
              ))}
            </select>
          </label>
          <label className="text-slate-600">
            Model version
            <select name="model" defaultValue={filters.modelVersionId ?? ''} className={FILTER_CLASS}>
              <option value="">Every version</option>
              {(report?.modelVersions ?? []).map((version) => (
                <option key={version.id} value={version.id}>
                  {version.name} {version.version} ({version.task})
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50"
          >
            Filter
          </button>
          {filtered || filterError ? (
            <Link href="/analytics" className="py-1.5 text-slate-600 hover:underline">
              Clear
            </Link>
          ) : null}
        </form>

        {report ? (
          <>
            <p className="text-sm text-slate-600" data-testid="agreement-summary">
              {report.readings} current signed-off reading{report.readings === 1 ? '' : 's'} in{' '}
              {filtered ? 'the filtered' : 'all'} cases
              {report.superseded > 0
                ? `; ${report.superseded} earlier sign-off${report.superseded === 1 ? ' was' : 's were'} replaced by an amendment`
                : ''}
              .
            </p>
            {left.length > 0 ? (
              <ul className="mt-1 text-xs text-slate-500">
                {left.map(([reason, count]) => (
                  <li key={reason}>
                    Left out: {count} with {WITHOUT_LABEL_TEXT[reason]}.
                  </li>
                ))}
              </ul>
            ) : null}
            {report.versions.length === 0 ? (
              <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-500">
                No signed-off review {filtered ? 'in these cases ' : ''}can be compared with a model&apos;s
                top label yet.
              </p>
            ) : (
              report.versions.map((version) => (
                <VersionPanel key={version.modelVersion.id} version={version} />
              ))
            )}
          </>
        ) : null}
      </section>

      <section aria-labelledby="analyses-heading" className="mt-10">
        <h2 id="analyses-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Analyses <span className="font-normal text-slate-500">· every case, whatever the filters</span>
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <StatCard label="All analyses" value={analyses.total} />
          <StatCard label="Succeeded" value={analyses.succeeded} />
          <StatCard label="Failed" value={analyses.failed} />
          <StatCard label="Running" value={analyses.running} />
          <StatCard label="Pending" value={analyses.pending} />
        </div>
      </section>

      <section aria-labelledby="reviews-heading" className="mt-8">
        <h2 id="reviews-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Clinician reviews{' '}
          <span className="font-normal text-slate-500">· every case, whatever the filters</span>
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <StatCard label="All reviews" value={reviews.total} />
          <StatCard label="Signed off" value={reviews.signedOff} />
          <StatCard label="Agree with model" value={reviews.agree} />
          <StatCard label="Partly agree" value={reviews.partial} />
          <StatCard label="Disagree" value={reviews.disagree} />
        </div>
        {reviews.noAgreementRecorded > 0 ? (
          <p className="mt-3 text-xs text-slate-500">
            {reviews.noAgreementRecorded} review{reviews.noAgreementRecorded === 1 ? '' : 's'} record no
            agreement with a model (for example, reviews of images that were never analysed).
          </p>
        ) : null}
      </section>
    </>
  );
}
