import { getDb, type Db } from './client';
import type { Prisma } from './generated/sqlite/client';

/** One audit-log entry to append. */
export interface AuditInput {
  actorId?: string | null;
  actorEmail?: string | null;
  /** Dotted verb naming what happened, e.g. 'auth.sign-in', 'model.promote'. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Prisma.InputJsonValue | null;
  ip?: string | null;
}

/** An audit-log entry as stored. */
export interface AuditEntry {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Prisma.JsonValue | null;
  ip: string | null;
}

export interface ListAuditOptions {
  /** Page size, 1..500. */
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only entries with exactly this action. */
  action?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const MAX_PAGE = 500;

/** Appends an entry to the audit log (the table rejects updates and deletes). */
export async function recordAudit(entry: AuditInput, db: Db = getDb()): Promise<AuditEntry> {
  if (entry.action.trim() === '') throw new Error('audit entry: action must not be empty');
  return db.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ...(entry.details === undefined || entry.details === null ? {} : { details: entry.details }),
      ip: entry.ip ?? null,
    },
  });
}

/** Lists audit entries newest first, a page at a time. */
export async function listAudit(options: ListAuditOptions, db: Db = getDb()): Promise<AuditPage> {
  const { limit, cursor, action } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new Error(`listAudit: limit must be an integer from 1 to ${MAX_PAGE}, got ${limit}`);
  }
  const rows = await db.auditLog.findMany({
    where: action === undefined ? {} : { action },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
  });
  const entries = rows.slice(0, limit);
  return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1].id : null };
}
