/** Entries per page of the audit-log viewer unless `limit` says otherwise. */
export const AUDIT_PAGE_SIZE = 25;
/** The largest page the viewer serves. */
export const AUDIT_MAX_PAGE_SIZE = 100;

/** Which page of the audit log to show, parsed from the viewer's query string. */
export interface AuditQuery {
  limit: number;
  /** The `nextCursor` of the page before; absent for the newest entries. */
  cursor?: string;
  /** Only this action, e.g. 'auth.sign-in'. */
  action?: string;
}

/** A query-string problem, naming the parameter. */
export interface AuditQueryError {
  error: string;
  field: 'limit';
}

type SearchParams = Record<string, string | string[] | undefined>;

function param(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

/** Reads `limit`, `cursor` and `action` from search params; a bad `limit` is an error naming it. */
export function parseAuditQuery(params: SearchParams): AuditQuery | AuditQueryError {
  const rawLimit = param(params.limit);
  const limit = rawLimit === undefined ? AUDIT_PAGE_SIZE : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_MAX_PAGE_SIZE) {
    return {
      error: `limit must be a whole number from 1 to ${AUDIT_MAX_PAGE_SIZE}, got "${rawLimit}"`,
      field: 'limit',
    };
  }
  return { limit, cursor: param(params.cursor), action: param(params.action) };
}
