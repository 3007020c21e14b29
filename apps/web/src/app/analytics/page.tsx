import type { Metadata } from 'next';
import { PageHeader } from '../../components/page-header';
import { StatCard } from '../../components/stat-card';
import { analyticsCounts } from '../../server/analytics';
import { requirePageAccess } from '../../server/page-access';

export const metadata: Metadata = { title: 'Analytics' };

/** Analysts' overview: how many analyses have run and how clinicians' reviews compare with them. */
export default async function AnalyticsPage() {
  await requirePageAccess('analytics');
  const { analyses, reviews } = await analyticsCounts();

  return (
    <>
      <PageHeader title="Analytics">
        Counts of model analyses and clinician reviews recorded in this database. Performance and agreement
        charts build on these records.
      </PageHeader>

      <section aria-labelledby="analyses-heading">
        <h2 id="analyses-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Analyses
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
          Clinician reviews
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
      {analyses.total === 0 && reviews.total === 0 ? (
        <p className="mt-8 text-sm text-slate-500">
          Nothing has been analysed or reviewed yet, so every count is zero.
        </p>
      ) : null}
    </>
  );
}
