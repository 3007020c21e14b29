import { authorizeApi } from '../../../../server/api-access';
import { listUsers } from '../../../../server/users';

/** Every user account and its role (admins only). */
export async function GET() {
  const access = await authorizeApi('admin');
  if (!access.ok) return access.response;
  return Response.json({ users: await listUsers() });
}
