/** Error codes every interface (GraphQL, CLI, import reports) answers with. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  /** The request's cost, depth or alias count is over the server's limits. */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  /** The database (or another dependency) is unavailable for now; nothing was saved and the same request may be retried. */
  Unavailable = 'UNAVAILABLE',
  ProjectLocked = 'PROJECT_LOCKED',
  LeaseExpired = 'LEASE_EXPIRED',
  RateLimited = 'RATE_LIMITED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** An export that would write no record (no labels, or every item filtered out). */
  EmptyExport = 'EMPTY_EXPORT',
  Internal = 'INTERNAL',
}

/** A failure a person can act on: a code from ErrorCode, a message, and optionally the offending field. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
