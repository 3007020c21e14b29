import Link from 'next/link';
import { AuditDetails } from '../../components/audit-details';
import { Cell, DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { auditLogPage } from '../../server/audit-log';
import { AUDIT_PAGE_SIZE, type AuditQuery } from '../../server/audit-query';

const PAGE_SIZES = [10, 25, 50, 100];

function auditHref(query: AuditQuery, cursor: string | null): string {
  const params = new URLSearchParams();
  if (query.action) params.set('action', query.action);
  if (query.limit !== AUDIT_PAGE_SIZE) params.set('limit', String(query.limit));
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `/admin?${text}#audit` : '/admin#audit';
}

/** The audit log a page at a time, newest first, filterable by action. */
export async function AuditLogViewer({
  query,
  queryError,
}: {
  query: AuditQuery;
  queryError: string | null;
}) {
  const audit = await auditLogPage(query);
  const pageSizes = PAGE_SIZES.includes(query.limit)
    ? PAGE_SIZES
    : [...PAGE_SIZES, query.limit].sort((a, b) => a - b);

  return (
    <section aria-labelledby="audit-heading" id="audit" className="mt-10 scroll-mt-6">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="audit-heading" className="text-sm font-semibold text-slate-900">
          Audit log
        </h2>
        <form method="get" action="/admin#audit" className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor="action" className="text-slate-600">
            Action
          </label>
          <select
            id="action"
            name="action"
            defaultValue={query.action ?? ''}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All actions</option>
            {audit.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
          <label htmlFor="limit" className="text-slate-600">
            Per page
          </label>
          <select
            id="limit"
            name="limit"
            defaultValue={String(query.limit)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
          >
            Filter
          </button>
        </form>
      </div>

      {queryError ? (
        <p
          role="alert"
          className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {queryError}; showing {AUDIT_PAGE_SIZE} per page instead.
        </p>
      ) : null}

      {audit.entries.length === 0 ? (
        <EmptyState title="No audit entries">
          {query.action
            ? `Nothing is recorded with action ${query.action}.`
            : 'Nothing has been recorded yet.'}
        </EmptyState>
      ) : (
        <DataTable caption="Audit log" headers={['When', 'Action', 'Actor', 'Target', 'IP', 'Details']}>
          {audit.entries.map((entry) => (
            <tr key={entry.id}>
              <Cell>
                <DateTime value={entry.at} precision="second" />
              </Cell>
              <Cell>
                <code className="text-xs text-slate-900">{entry.action}</code>
              </Cell>
              <Cell>{entry.actorEmail ?? <span className="text-slate-400">system</span>}</Cell>
              <Cell>
                {entry.targetType ? (
                  <>
                    {entry.targetType}
                    {entry.targetId ? (
                      <code className="ml-1 text-xs text-slate-500" title={entry.targetId}>
                        {entry.targetId.slice(0, 8)}…
                      </code>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Cell>
              <Cell>{entry.ip ?? <span className="text-slate-400">—</span>}</Cell>
              <Cell>
                <AuditDetails details={entry.details} />
              </Cell>
            </tr>
          ))}
        </DataTable>
      )}

      <nav aria-label="Audit log pages" className="mt-3 flex items-center justify-between text-sm">
        <span className="text-xs text-slate-500">
          {query.limit} entries per page, newest first{query.cursor ? '; this is an older page' : ''}.
        </span>
        <span className="flex gap-4">
          {query.cursor ? (
            <Link href={auditHref(query, null)} className="font-medium text-brand-700 hover:underline">
              ← Newest
            </Link>
          ) : null}
          {audit.nextCursor ? (
            <Link
              href={auditHref(query, audit.nextCursor)}
              className="font-medium text-brand-700 hover:underline"
            >
              Older →
            </Link>
          ) : null}
        </span>
      </nav>
    </section>
  );
}
