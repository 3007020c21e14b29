import type { NextRequest } from 'next/server';
import { authorizeApi } from '../../../../server/api-access';
import { auditLogPage } from '../../../../server/audit-log';
import { parseAuditQuery } from '../../../../server/audit-query';
import { jsonError } from '../../../../server/responses';

/** A page of the audit log, newest first: `?limit=&cursor=<nextCursor>&action=` (admins only). */
export async function GET(request: NextRequest) {
  const access = await authorizeApi('admin');
  if (!access.ok) return access.response;
  const query = parseAuditQuery(Object.fromEntries(request.nextUrl.searchParams));
  if ('error' in query) return jsonError(400, query.error, query.field);
  const { entries, nextCursor } = await auditLogPage(query);
  return Response.json({ entries, nextCursor });
}
