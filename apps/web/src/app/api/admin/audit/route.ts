import type { NextRequest } from 'next/server';
import { authorizeApi } from '../../../../server/api-access';
import { auditLogPage, parseAuditQuery } from '../../../../server/audit-log';

/** A page of the audit log, newest first: `?cursor=<nextCursor>&action=<action>` (admins only). */
export async function GET(request: NextRequest) {
  const access = await authorizeApi('admin');
  if (!access.ok) return access.response;
  const { entries, nextCursor } = await auditLogPage(
    parseAuditQuery(Object.fromEntries(request.nextUrl.searchParams)),
  );
  return Response.json({ entries, nextCursor });
}
