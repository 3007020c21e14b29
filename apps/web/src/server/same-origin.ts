/** Whether a state-changing request came from a page of this portal (no Origin header counts as yes:
 * non-browser clients do not send one, and they cannot ride a victim's cookies). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (host === null) return false;
  try {
    return new URL(origin).host === host.split(',')[0].trim();
  } catch {
    return false;
  }
}
