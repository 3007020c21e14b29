import { authorizeApi } from '../../../server/api-access';
import { parseNewCase } from '../../../server/case-fields';
import { parseCaseListQuery } from '../../../server/case-list-query';
import { createCase, listCases } from '../../../server/case-records';
import { caseVerdictOptions } from '../../../server/case-verdict-options';
import { actorFrom, bodyKind, failure, readFields, refuseCrossSite } from '../../../server/route-helpers';

/** Cases matching `status`, `from`, `to`, `bodySite`, `reviewed`, `verdict`, a page at a time (`limit`, `cursor`). */
export async function GET(request: Request) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  try {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const query = parseCaseListQuery(params, (await caseVerdictOptions()).values);
    return Response.json(await listCases(query, actorFrom(access.user, request)));
  } catch (error) {
    return failure(error, 'json', '/cases');
  }
}

/** Creates a case from JSON or the new-case form; the form is sent on to the case page. */
export async function POST(request: Request) {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  const kind = bodyKind(request);
  try {
    refuseCrossSite(request);
    const input = parseNewCase(await readFields(request, kind));
    const created = await createCase(input, actorFrom(access.user, request));
    if (kind === 'form')
      return new Response(null, { status: 303, headers: { Location: `/cases/${created.id}` } });
    return Response.json(
      { case: created },
      { status: 201, headers: { Location: `/api/cases/${created.id}` } },
    );
  } catch (error) {
    return failure(error, kind, '/cases/new');
  }
}
