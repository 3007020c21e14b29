/** Who is on the other end of a request, as recorded on sessions and audit entries. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The client's address (first hop of X-Forwarded-For when behind a proxy) and user agent. */
export function clientInfo(request: Request): ClientInfo {
  const forwardedFor = request.headers.get('x-forwarded-for');
  const ip = forwardedFor?.split(',')[0].trim() || request.headers.get('x-real-ip') || null;
  return { ip, userAgent: request.headers.get('user-agent') };
}
