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
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

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
