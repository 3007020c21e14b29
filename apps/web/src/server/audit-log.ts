import 'server-only';
import { getDb, listAudit, type AuditPage } from '@visioncad/db';
import type { AuditQuery } from './audit-query';

/** One page of the audit log, newest first, with every action recorded so far for the filter. */
export async function auditLogPage(query: AuditQuery): Promise<AuditPage & { actions: string[] }> {
  const [page, actions] = await Promise.all([
    listAudit({ limit: query.limit, cursor: query.cursor, action: query.action }),
    getDb().auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { ...page, actions: actions.map((row) => row.action) };
}
