import { handleSignIn } from '../../../../server/sign-in';

/** Signs in with `{ email, password, next? }` as JSON or a form. */
export async function POST(request: Request) {
  return handleSignIn(request);
}
