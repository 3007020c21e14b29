// Which signed-off reviews the analyst's agreement view compares with the model, parsed once from
// the query string. Dates and body site are the case's (visit date, site), so every review of a
// case, amendments included, is in or out together.
import { isBodySite, parseDay, type BodySite } from './case-fields';
import { ServiceError } from './service-error';

export interface AgreementFilters {
  /** First visit day included (midnight UTC). */
  from?: Date;
  /** Last visit day included (midnight UTC). */
  to?: Date;
  bodySite?: BodySite;
  /** A ModelVersion id: only that version's analyses. */
  modelVersionId?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

function param(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.trim() !== '' ? first.trim() : undefined;
}

/** Parses `from`, `to` (YYYY-MM-DD), `bodySite` and `model`; a bad value is a 400 naming it. */
export function parseAgreementFilters(params: SearchParams): AgreementFilters {
  const filters: AgreementFilters = {};
  const from = param(params, 'from');
  if (from !== undefined) filters.from = parseDay(from, 'from');
  const to = param(params, 'to');
  if (to !== undefined) filters.to = parseDay(to, 'to');
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new ServiceError(400, `from (${from}) is after to (${to}).`, 'from');
  }
  const bodySite = param(params, 'bodySite');
  if (bodySite !== undefined) {
    if (!isBodySite(bodySite)) {
      throw new ServiceError(400, `bodySite "${bodySite}" is not a listed body site.`, 'bodySite');
    }
    filters.bodySite = bodySite;
  }
  const model = param(params, 'model');
  if (model !== undefined) filters.modelVersionId = model;
  return filters;
}
