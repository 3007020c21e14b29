import { authorizeApi } from '../../../server/api-access';
import { listRecentCases } from '../../../server/cases';

/** The most recent cases and the total count (clinicians only). */
export async function GET() {
  const access = await authorizeApi('cases');
  if (!access.ok) return access.response;
  return Response.json(await listRecentCases());
}
