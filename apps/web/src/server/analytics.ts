import 'server-only';
import { getDb } from '@visioncad/db';

/** Counts behind the analytics overview: analyses by status and reviews by sign-off and agreement. */
export async function analyticsCounts() {
  const db = getDb();
  const [analysesByStatus, reviews, signedOff, reviewsByAgreement] = await Promise.all([
    db.analysis.groupBy({ by: ['status'], _count: { _all: true } }),
    db.review.count(),
    db.review.count({ where: { signedOffAt: { not: null } } }),
    db.review.groupBy({ by: ['agreement'], _count: { _all: true } }),
  ]);
  const analysisCount = (status: string) =>
    analysesByStatus.find((group) => group.status === status)?._count._all ?? 0;
  const agreementCount = (agreement: string | null) =>
    reviewsByAgreement.find((group) => group.agreement === agreement)?._count._all ?? 0;
  return {
    analyses: {
      total: analysesByStatus.reduce((sum, group) => sum + group._count._all, 0),
      pending: analysisCount('PENDING'),
      running: analysisCount('RUNNING'),
      succeeded: analysisCount('SUCCEEDED'),
      failed: analysisCount('FAILED'),
    },
    reviews: {
      total: reviews,
      signedOff,
      agree: agreementCount('AGREE'),
      partial: agreementCount('PARTIAL'),
      disagree: agreementCount('DISAGREE'),
      noAgreementRecorded: agreementCount(null),
    },
  };
}
