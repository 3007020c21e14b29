import type { Metadata } from 'next';
import Link from 'next/link';
import { Cell, DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { BUTTON_CLASS, FormMessage } from '../../components/form-message';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { CASE_STATUS } from '../../components/case-status';
import { BODY_SITES } from '../../server/case-fields';
import {
  CASE_PAGE_SIZE,
  CASE_STATUSES,
  parseCaseListQuery,
  type CaseListQuery,
} from '../../server/case-list-query';
import { listCases } from '../../server/case-records';
import { NO_VERDICT_FILTER } from '../../server/case-verdict';
import { caseVerdictOptions, verdictText } from '../../server/case-verdict-options';
import { pageActor } from '../../server/page-actor';
import { requirePageAccess } from '../../server/page-access';
import { ServiceError } from '../../server/service-error';

export const metadata: Metadata = { title: 'Cases' };

type SearchParams = Record<string, string | string[] | undefined>;

const FILTER_CLASS = 'mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

function day(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

function nextPageHref(params: SearchParams, cursor: string): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key !== 'cursor' && typeof value === 'string' && value !== '') next.set(key, value);
  }
  next.set('cursor', cursor);
  return `/cases?${next}`;
}

/**
 * The clinician's worklist: filterable by status, visit dates, body site, review and model verdict,
 * newest visit first.
 */
export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageAccess('cases');
  const params = await searchParams;
  const verdicts = await caseVerdictOptions();
  let query: CaseListQuery = { limit: CASE_PAGE_SIZE };
  let queryError: string | null = null;
  try {
    query = parseCaseListQuery(params, verdicts.values);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    queryError = error.message;
  }
  const { cases, total, nextCursor } = await listCases(query, await pageActor(user));
  const filtered = Boolean(
    query.status ||
    query.bodySite ||
    query.from ||
    query.to ||
    query.reviewed !== undefined ||
    query.modelVerdict !== undefined,
  );
  const verdictValue = query.modelVerdict === undefined ? '' : (query.modelVerdict ?? NO_VERDICT_FILTER);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Cases">
          Visits to open, analyse, review and sign off. Patients appear only by their pseudonymous reference.
        </PageHeader>
        <Link href="/cases/new" className={BUTTON_CLASS}>
          New case
        </Link>
      </div>
      <FormMessage error={queryError} />
      <form
        method="get"
        action="/cases"
        aria-label="Filter cases"
        className="mb-4 flex flex-wrap items-end gap-3 text-sm"
      >
        <label className="text-slate-600">
          Status
          <select name="status" defaultValue={query.status ?? ''} className={FILTER_CLASS}>
            <option value="">Any</option>
            {CASE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {CASE_STATUS[status].label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-600">
          Visit from
          <input type="date" name="from" defaultValue={day(query.from)} className={FILTER_CLASS} />
        </label>
        <label className="text-slate-600">
          Visit to
          <input type="date" name="to" defaultValue={day(query.to)} className={FILTER_CLASS} />
        </label>
        <label className="text-slate-600">
          Body site
          <select name="bodySite" defaultValue={query.bodySite ?? ''} className={FILTER_CLASS}>
            <option value="">Any</option>
            {BODY_SITES.map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-600">
          Signed-off review
          <select
            name="reviewed"
            defaultValue={query.reviewed === undefined ? '' : query.reviewed ? 'yes' : 'no'}
            className={FILTER_CLASS}
          >
            <option value="">Either</option>
            <option value="yes">Yes</option>
            <option value="no">Not yet</option>
          </select>
        </label>
        <label className="text-slate-600">
          Model verdict
          <select name="verdict" defaultValue={verdictValue} className={`${FILTER_CLASS} max-w-56`}>
            <option value="">Any</option>
            {verdicts.groups.map((group) => (
              <optgroup key={group.title} label={group.title}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.text}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50"
        >
          Filter
        </button>
        {filtered ? (
          <Link href="/cases" className="py-1.5 text-slate-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </form>
      {cases.length === 0 ? (
        <EmptyState title={filtered ? 'No cases match these filters' : 'No cases yet'}>
          {filtered
            ? 'Change or clear the filters.'
            : 'Open a case with “New case” to upload images and review them.'}
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption="Cases"
            headers={[
              'Patient',
              'Visit',
              'Body site',
              'Status',
              'Model verdict',
              'Images',
              'Reviews',
              'Opened by',
            ]}
          >
            {cases.map((item) => (
              <tr key={item.id}>
                <Cell className="font-medium text-slate-900">
                  <Link href={`/cases/${item.id}`} className="text-brand-700 hover:underline">
                    {item.patient.reference}
                  </Link>
                </Cell>
                <Cell>
                  <DateTime value={item.visitDate} precision="day" />
                </Cell>
                <Cell>{item.bodySite ?? <span className="text-slate-400">not recorded</span>}</Cell>
                <Cell>
                  <StatusBadge tone={CASE_STATUS[item.status].tone}>
                    {CASE_STATUS[item.status].label}
                  </StatusBadge>
                </Cell>
                <Cell>
                  {item.modelVerdict ? (
                    <span className="block max-w-48 whitespace-normal">{verdictText(item.modelVerdict)}</span>
                  ) : (
                    <span className="text-slate-400">no analysis yet</span>
                  )}
                </Cell>
                <Cell className="tabular-nums">{item._count.images}</Cell>
                <Cell className="tabular-nums">{item._count.reviews}</Cell>
                <Cell>{item.createdBy.name}</Cell>
              </tr>
            ))}
          </DataTable>
          <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
            <p>
              {total} case{total === 1 ? '' : 's'}
              {filtered ? ' match' : ''}
              {query.cursor ? ' (a later page)' : ''}.
            </p>
            {nextCursor ? (
              <Link
                href={nextPageHref(params, nextCursor)}
                className="font-medium text-brand-700 hover:underline"
              >
                Older cases →
              </Link>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
