import { NextResponse } from 'next/server';

/** A JSON error body `{ error, field? }` with the given status. */
export function jsonError(status: number, error: string, field?: string): NextResponse {
  return NextResponse.json(field ? { error, field } : { error }, { status });
}

/** A 303 redirect to a same-site path. The Location stays relative so it holds behind any proxy. */
export function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

/** The 401 answer for an API call without a valid session. */
export function signInRequired(): NextResponse {
  return jsonError(401, 'Sign in first: this API needs a session.');
}
