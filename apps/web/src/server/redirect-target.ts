/** The `next` path to return to after signing in, or null when it is absent or points off-site. */
export function safeRedirectTarget(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  // Only same-site absolute paths: "//host" and "/\host" would leave the portal.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
