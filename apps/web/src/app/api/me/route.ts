import { authorizeApi } from '../../../server/api-access';

/** The signed-in user: `{ user: { id, email, name, role } }`. */
export async function GET() {
  const access = await authorizeApi('signed-in');
  if (!access.ok) return access.response;
  return Response.json({ user: access.user });
}
