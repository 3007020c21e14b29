import 'server-only';
import { getDb, listAudit, type AuditPage } from '@visioncad/db';

/** Entries per page of the admin audit-log viewer. */
export const AUDIT_PAGE_SIZE = 25;

/** Which page of the audit log to show, parsed from the viewer's query string. */
export interface AuditQuery {
  /** The `nextCursor` of the page before; absent for the newest entries. */
  cursor?: string;
  /** Only this action, e.g. 'auth.sign-in'. */
  action?: string;
}

function param(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

/** Reads `cursor` and `action` from a search-params object; anything else is ignored. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  return { cursor: param(params.cursor), action: param(params.action) };
}

/** One page of the audit log, newest first, with the actions that occur in it for the filter. */
export async function auditLogPage(query: AuditQuery): Promise<AuditPage & { actions: string[] }> {
  const [page, actions] = await Promise.all([
    listAudit({ limit: AUDIT_PAGE_SIZE, cursor: query.cursor, action: query.action }),
    getDb().auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { ...page, actions: actions.map((row) => row.action) };
}
