import { getHealth } from '../../../server/health';

export const dynamic = 'force-dynamic';

/** Public liveness report: database and model artifacts; 503 when the database is down. */
export async function GET() {
  const { httpStatus, report } = await getHealth();
  return Response.json(report, { status: httpStatus, headers: { 'Cache-Control': 'no-store' } });
}
