import 'server-only';
import { getDb } from '@visioncad/db';

/** How many cases the list shows, most recent visit first. */
export const CASE_LIST_LIMIT = 50;

/** The most recent cases with what a clinician scans a worklist for, plus the total count. */
export async function listRecentCases() {
  const db = getDb();
  const [cases, total] = await Promise.all([
    db.case.findMany({
      orderBy: [{ visitDate: 'desc' }, { createdAt: 'desc' }],
      take: CASE_LIST_LIMIT,
      select: {
        id: true,
        visitDate: true,
        bodySite: true,
        status: true,
        patient: { select: { reference: true } },
        createdBy: { select: { name: true } },
        _count: { select: { images: true, reviews: true } },
      },
    }),
    db.case.count(),
  ]);
  return { cases, total };
}

/** One row of the case list. */
export type CaseListRow = Awaited<ReturnType<typeof listRecentCases>>['cases'][number];
