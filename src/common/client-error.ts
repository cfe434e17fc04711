import { Logger } from '@nestjs/common';
import { AppError, type ErrorCode } from './errors.js';

const logger = new Logger('Errors');

/**
 * What a client is told of an error, whatever carries it: a GraphQL error, a mutation's
 * `userErrors`, an HTTP response or a WebSocket message. The one mapping of the service's
 * errors: its own keep their code, message and field; a request the HTTP layer refused says so;
 * a database that is gone is UNAVAILABLE and retryable; anything else is logged and masked as
 * INTERNAL, so no stack trace or SQL reaches a client.
 */
export interface ClientError {
  readonly code: string;
  readonly message: string;
  readonly field: string | null;
  /** For INVALID_TRANSITION: the moves that are allowed. */
  readonly allowed: readonly string[] | null;
  /** The status a plain HTTP route answers with. */
  readonly httpStatus: number;
  readonly retryable: boolean;
}

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  UNAVAILABLE: 503,
};

/**
 * Postgres and network failures that a retry may get past: the client is told so. SQLSTATE class
 * 08 is a connection exception, 57P an operator's intervention (shutdown, restart).
 */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

function isUnavailable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (networkCodes.has(code) || /^(08|57P)/.test(code))) return true;
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|the database system is/.test(
    error.message,
  );
}

export function clientErrorOf(error: unknown): ClientError {
  const plain = { field: null, allowed: null, retryable: false };
  if (error instanceof AppError) {
    const allowed = error.details?.allowed;
    return {
      ...plain,
      code: error.code,
      message: error.message,
      field: error.field ?? null,
      allowed: Array.isArray(allowed) ? allowed.map(String) : null,
      httpStatus: statusOf[error.code] ?? 422,
    };
  }
  const cause = error instanceof Error ? error : new Error(String(error));
  const status = (cause as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Refused by the HTTP layer (a body over the limit, a malformed request): say so plainly.
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    return { ...plain, code, message: cause.message, httpStatus: status };
  }
  if (isUnavailable(cause)) {
    logger.warn(`database unavailable: ${cause.message}`);
    return {
      ...plain,
      code: 'UNAVAILABLE',
      message: 'the database is unavailable right now; nothing was recorded, retry shortly',
      httpStatus: 503,
      retryable: true,
    };
  }
  logger.error(cause.stack ?? cause.message);
  return { ...plain, code: 'INTERNAL', message: 'internal error', httpStatus: 500 };
}
