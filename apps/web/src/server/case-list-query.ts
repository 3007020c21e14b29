import { isBodySite, parseDay, type BodySite } from './case-fields';
import { NO_VERDICT_FILTER } from './case-verdict';
import { ServiceError } from './service-error';

/** Cases per page unless `limit` says otherwise. */
export const CASE_PAGE_SIZE = 25;
/** The largest page the list serves. */
export const CASE_MAX_PAGE_SIZE = 100;

export const CASE_STATUSES = ['OPEN', 'ANALYZED', 'REVIEWED', 'CLOSED'] as const;
export type CaseStatusValue = (typeof CASE_STATUSES)[number];

/** Where the previous page ended: the last row's visit date and id (the list's sort key). */
export interface CaseCursor {
  visitDate: Date;
  id: string;
}

/** Which cases to list, parsed once from the query string. */
export interface CaseListQuery {
  status?: CaseStatusValue;
  /** First visit day included (midnight UTC). */
  from?: Date;
  /** Last visit day included (midnight UTC). */
  to?: Date;
  bodySite?: BodySite;
  /** true: only cases with a signed-off review; false: only cases without one. */
  reviewed?: boolean;
  /** Only cases whose model verdict is this label; null: only cases no analysis has finished for. */
  modelVerdict?: string | null;
  cursor?: CaseCursor;
  limit: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

function param(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.trim() !== '' ? first.trim() : undefined;
}

/** The opaque cursor handed to clients for the page after `row`. */
export function encodeCaseCursor(row: CaseCursor): string {
  return Buffer.from(`${row.visitDate.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCaseCursor; anything else is a 400 naming `cursor`. */
export function decodeCaseCursor(value: string): CaseCursor {
  const [iso, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const visitDate = new Date(iso ?? '');
  if (extra !== undefined || !id || Number.isNaN(visitDate.getTime()) || visitDate.toISOString() !== iso) {
    throw new ServiceError(
      400,
      'cursor is not one this list handed out: start again from the first page.',
      'cursor',
    );
  }
  return { visitDate, id };
}

/**
 * Parses the case list's filters and page from search params; a bad value is a 400 naming it.
 * `verdicts` are the model verdicts `verdict` may name (see caseVerdictOptions), besides "none".
 */
export function parseCaseListQuery(params: SearchParams, verdicts: readonly string[]): CaseListQuery {
  const query: CaseListQuery = { limit: CASE_PAGE_SIZE };

  const status = param(params, 'status');
  if (status !== undefined) {
    if (!(CASE_STATUSES as readonly string[]).includes(status)) {
      throw new ServiceError(
        400,
        `status must be one of ${CASE_STATUSES.join(', ')}, got "${status}".`,
        'status',
      );
    }
    query.status = status as CaseStatusValue;
  }

  const from = param(params, 'from');
  if (from !== undefined) query.from = parseDay(from, 'from');
  const to = param(params, 'to');
  if (to !== undefined) query.to = parseDay(to, 'to');
  if (query.from && query.to && query.from > query.to) {
    throw new ServiceError(400, `from (${from}) is after to (${to}).`, 'from');
  }

  const bodySite = param(params, 'bodySite');
  if (bodySite !== undefined) {
    if (!isBodySite(bodySite))
      throw new ServiceError(400, `bodySite "${bodySite}" is not a listed body site.`, 'bodySite');
    query.bodySite = bodySite;
  }

  const reviewed = param(params, 'reviewed');
  if (reviewed !== undefined) {
    if (reviewed !== 'yes' && reviewed !== 'no') {
      throw new ServiceError(400, `reviewed must be "yes" or "no", got "${reviewed}".`, 'reviewed');
    }
    query.reviewed = reviewed === 'yes';
  }

  const verdict = param(params, 'verdict');
  if (verdict !== undefined) {
    if (verdict !== NO_VERDICT_FILTER && !verdicts.includes(verdict)) {
      throw new ServiceError(
        400,
        `verdict "${verdict}" is not a model verdict: use one of ${[...verdicts, NO_VERDICT_FILTER].join(', ')}.`,
        'verdict',
      );
    }
    query.modelVerdict = verdict === NO_VERDICT_FILTER ? null : verdict;
  }

  const limit = param(params, 'limit');
  if (limit !== undefined) {
    const value = Number(limit);
    if (!Number.isInteger(value) || value < 1 || value > CASE_MAX_PAGE_SIZE) {
      throw new ServiceError(
        400,
        `limit must be a whole number from 1 to ${CASE_MAX_PAGE_SIZE}, got "${limit}".`,
        'limit',
      );
    }
    query.limit = value;
  }

  const cursor = param(params, 'cursor');
  if (cursor !== undefined) query.cursor = decodeCaseCursor(cursor);
  return query;
}
