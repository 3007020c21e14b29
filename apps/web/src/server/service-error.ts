/**
 * A refusal from a server module that a route turns into an HTTP answer: the status, a message
 * that names the problem, and the field (or file) it concerns.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 415,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
