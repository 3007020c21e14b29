import type { Metadata } from 'next';
import Link from 'next/link';
import { Cell, DataTable } from '../../components/data-table';
import { AuditDetails } from '../../components/audit-details';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { RoleBadge } from '../../components/role-badge';
import { StatusBadge } from '../../components/status-badge';
import { AUDIT_PAGE_SIZE, auditLogPage, parseAuditQuery } from '../../server/audit-log';
import { requirePageAccess } from '../../server/page-access';
import { listUsers } from '../../server/users';

export const metadata: Metadata = { title: 'Admin' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function auditHref(params: { cursor?: string | null; action?: string }): string {
  const query = new URLSearchParams();
  if (params.action) query.set('action', params.action);
  if (params.cursor) query.set('cursor', params.cursor);
  const text = query.toString();
  return text ? `/admin?${text}#audit` : '/admin#audit';
}

/** Administration: users and their roles, and the append-only audit log a page at a time. */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageAccess('admin');
  const query = parseAuditQuery(await searchParams);
  const [users, audit] = await Promise.all([listUsers(), auditLogPage(query)]);

  return (
    <>
      <PageHeader title="Admin">Who can sign in with which role, and the record of what happened.</PageHeader>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Users and roles
        </h2>
        <DataTable
          caption="Users and roles"
          headers={['Name', 'Email', 'Role', 'Account', 'Last sign-in', 'Created']}
        >
          {users.map((user) => (
            <tr key={user.id}>
              <Cell className="font-medium text-slate-900">{user.name}</Cell>
              <Cell>{user.email}</Cell>
              <Cell>
                <RoleBadge role={user.role} />
              </Cell>
              <Cell>
                {user.disabled ? (
                  <StatusBadge tone="danger">disabled</StatusBadge>
                ) : (
                  <StatusBadge tone="success">active</StatusBadge>
                )}
              </Cell>
              <Cell>{user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : 'never'}</Cell>
              <Cell>
                <DateTime value={user.createdAt} precision="day" />
              </Cell>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="audit-heading" id="audit" className="mt-10 scroll-mt-6">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="audit-heading" className="text-sm font-semibold text-slate-900">
            Audit log
          </h2>
          <form method="get" action="/admin#audit" className="flex items-center gap-2 text-sm">
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
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
            >
              Filter
            </button>
          </form>
        </div>

        {audit.entries.length === 0 ? (
          <EmptyState title="No audit entries">
            {query.action
              ? `Nothing recorded with action ${query.action} on this page.`
              : 'Nothing has been recorded.'}
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
            {AUDIT_PAGE_SIZE} entries per page, newest first{query.cursor ? ' (older page)' : ''}.
          </span>
          <span className="flex gap-4">
            {query.cursor ? (
              <Link
                href={auditHref({ action: query.action })}
                className="font-medium text-brand-700 hover:underline"
              >
                ← Newest
              </Link>
            ) : null}
            {audit.nextCursor ? (
              <Link
                href={auditHref({ action: query.action, cursor: audit.nextCursor })}
                className="font-medium text-brand-700 hover:underline"
              >
                Older →
              </Link>
            ) : null}
          </span>
        </nav>
      </section>
    </>
  );
}
