import type { Metadata } from 'next';
import { Cell, DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge, type Tone } from '../../components/status-badge';
import { CASE_LIST_LIMIT, listRecentCases, type CaseListRow } from '../../server/cases';
import { requirePageAccess } from '../../server/page-access';

export const metadata: Metadata = { title: 'Cases' };

const STATUS: Record<CaseListRow['status'], { label: string; tone: Tone }> = {
  OPEN: { label: 'Open', tone: 'info' },
  ANALYZED: { label: 'Analysed', tone: 'accent' },
  REVIEWED: { label: 'Reviewed', tone: 'success' },
  CLOSED: { label: 'Closed', tone: 'neutral' },
};

/** The clinician's worklist: recent cases, most recent visit first. */
export default async function CasesPage() {
  await requirePageAccess('cases');
  const { cases, total } = await listRecentCases();

  return (
    <>
      <PageHeader title="Cases">
        Visits to open, analyse, review and sign off. Patients appear only by their pseudonymous reference.
      </PageHeader>
      {cases.length === 0 ? (
        <EmptyState title="No cases yet">
          Cases appear here once they are created in the portal or imported. None have been recorded in this
          database.
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption="Cases"
            headers={['Patient', 'Visit', 'Body site', 'Status', 'Images', 'Reviews', 'Opened by']}
          >
            {cases.map((item) => (
              <tr key={item.id}>
                <Cell className="font-medium text-slate-900">{item.patient.reference}</Cell>
                <Cell>
                  <DateTime value={item.visitDate} precision="day" />
                </Cell>
                <Cell>{item.bodySite ?? <span className="text-slate-400">not recorded</span>}</Cell>
                <Cell>
                  <StatusBadge tone={STATUS[item.status].tone}>{STATUS[item.status].label}</StatusBadge>
                </Cell>
                <Cell className="tabular-nums">{item._count.images}</Cell>
                <Cell className="tabular-nums">{item._count.reviews}</Cell>
                <Cell>{item.createdBy.name}</Cell>
              </tr>
            ))}
          </DataTable>
          <p className="mt-3 text-xs text-slate-500">
            {total > cases.length
              ? `Showing the ${CASE_LIST_LIMIT} most recent of ${total} cases.`
              : `${total} case${total === 1 ? '' : 's'}.`}
          </p>
        </>
      )}
    </>
  );
}
