/** Replaces the user:password part of any URL in a message (e.g. a DATABASE_URL echoed back by a
 * driver error) so health and error output never leak credentials. */
export function redactCredentials(message: string): string {
  return message.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}
