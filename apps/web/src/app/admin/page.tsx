import type { Metadata } from 'next';
import { Cell, DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { RoleBadge } from '../../components/role-badge';
import { StatusBadge } from '../../components/status-badge';
import { AUDIT_PAGE_SIZE, parseAuditQuery } from '../../server/audit-query';
import { requirePageAccess } from '../../server/page-access';
import { listUsers } from '../../server/users';
import { AuditLogViewer } from './audit-log-viewer';

export const metadata: Metadata = { title: 'Admin' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Administration: users and their roles, and the append-only audit log a page at a time. */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageAccess('admin');
  const parsed = parseAuditQuery(await searchParams);
  // A bad page size is reported above the log, which then shows the default page instead.
  const query = 'error' in parsed ? { limit: AUDIT_PAGE_SIZE } : parsed;
  const users = await listUsers();

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

      <AuditLogViewer query={query} queryError={'error' in parsed ? parsed.error : null} />
    </>
  );
}
