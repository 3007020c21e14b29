import { redirect } from 'next/navigation';
import { homePathFor } from '../access/role-matrix';
import { getCurrentUser } from '../server/current-user';

/** The portal root: signed-in users go to their role's first section, everyone else to sign in. */
export default async function HomePage() {
  const user = await getCurrentUser();
  redirect(user ? homePathFor(user.role) : '/sign-in');
}
