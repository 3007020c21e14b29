import 'server-only';
import { getDb } from '@visioncad/db';

/** Every user account with its role and sign-in history, for the admin's users-and-roles table. */
export async function listUsers() {
  return getDb().user.findMany({
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      createdAt: true,
      lastLoginAt: true,
    },
  });
}
