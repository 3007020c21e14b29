import 'server-only';
import type { Actor } from './actor';
import { clientInfo } from './client-info';
import type { PortalUser } from './current-user';
import { jsonError, seeOther } from './responses';
import { isSameOrigin } from './same-origin';
import { ServiceError } from './service-error';

/** How the client sent its body: JSON from API clients, a form from the portal's pages. */
export type BodyKind = 'json' | 'form';

/** The body's kind, or null for anything else. */
export function bodyKind(request: Request): BodyKind | null {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return 'form';
  return null;
}

/** The body's fields; a body that is not a JSON object or form is a 400/415. */
export async function readFields(request: Request, kind: BodyKind | null): Promise<Record<string, unknown>> {
  if (kind === null) throw new ServiceError(415, 'Send the body as JSON (application/json) or as a form.');
  if (kind === 'form') return Object.fromEntries((await request.formData()).entries());
  const body: unknown = await request.json().catch(() => null);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServiceError(400, 'The request body is not a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** The signed-in user as the audit log records them, with the request's address. */
export function actorFrom(user: PortalUser, request: Request): Actor {
  return { id: user.id, email: user.email, ip: clientInfo(request).ip };
}

/** Refuses state changes sent from another site's page (the session cookie would ride along). */
export function refuseCrossSite(request: Request): void {
  if (!isSameOrigin(request)) {
    throw new ServiceError(
      403,
      'This request came from another site and was refused. Use the portal itself.',
    );
  }
}

/**
 * The answer to a failed request: JSON `{ error, field }` for API clients; for a form from a page,
 * a 303 back to `formPage` with the message, so the page shows it next to the form.
 */
export function failure(error: unknown, kind: BodyKind | null, formPage: string): Response {
  if (!(error instanceof ServiceError)) throw error;
  if (kind === 'form') {
    const params = new URLSearchParams({ error: error.message });
    if (error.field) params.set('field', error.field);
    return seeOther(`${formPage}?${params}`);
  }
  return jsonError(error.status, error.message, error.field);
}
