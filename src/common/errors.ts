/**
 * The one set of errors the service speaks. Each has a stable code, which clients may switch on;
 * the GraphQL layer maps them to `extensions.code` in one place.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'DEPENDENCY_NOT_MET',
  'BLOCKED',
  'ALREADY_CLAIMED',
  'LEASE_LOST',
  'IDEMPOTENCY_KEY_REUSED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What each code means, as the schema documents it. */
export const errorCodeDescriptions: { readonly [Code in ErrorCode]: string } = {
  VALIDATION_FAILED: 'An argument is malformed or out of range; `field` names it.',
  NOT_FOUND: 'What an id names does not exist in the sprint; `field` names the id.',
  ALREADY_EXISTS: 'An id given for something new is taken.',
  VERSION_CONFLICT: 'The sprint moved past the `expectedVersion` given; read it again.',
  INVALID_TRANSITION:
    'The thing is not in a status this change starts from; `allowed` lists those.',
  DEPENDENCY_NOT_MET: 'A task or phase it waits for is not complete.',
  BLOCKED: 'An open blocker stops the work.',
  ALREADY_CLAIMED: 'Another agent holds the lease on the task.',
  LEASE_LOST: 'The caller’s lease ran out or was taken over.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used for a different mutation.',
  FORBIDDEN: 'The token may not do this, or not in this sprint.',
  UNAUTHENTICATED: 'No token, or one unknown or revoked.',
  LIMIT_EXCEEDED: 'A WebSocket is over its limits: too many subscriptions or too big a message.',
  RATE_LIMITED: 'The token spent its query-cost budget; retry after `retryAfterSeconds`.',
  UNAVAILABLE: 'The database is unreachable for now; retry later.',
  INTERNAL: 'A fault of the service, logged with the request id; never a client’s mistake.',
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /**
   * What graphql-js copies onto the GraphQL error that wraps this one. Queries and mutations are
   * formatted by formatGraphqlErrors anyway; a subscription refused before it starts is sent as
   * it is, and this is how it keeps its code.
   */
  get extensions(): { code: ErrorCode; field: string | null } {
    return { code: this.code, field: this.field ?? null };
  }
}

export class VersionConflictError extends AppError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(
      'VERSION_CONFLICT',
      actualVersion === undefined
        ? `stream ${streamId} moved past version ${expectedVersion} while appending`
        : `stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}`,
      'expectedVersion',
      { streamId, expectedVersion, actualVersion },
    );
  }
}
