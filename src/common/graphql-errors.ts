import { Logger } from '@nestjs/common';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { AppError } from './errors.js';

const logger = new Logger('GraphQL');

/** Postgres and network failures that a retry may get past: the client is told so. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isUnavailable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && unavailableCodes.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect/.test(error.message)
  );
}

interface ErrorJson {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

/**
 * The one place errors become GraphQL errors: every error carries `extensions.code`; the
 * service's own errors keep their message and field; anything unexpected is logged and masked,
 * so no stack trace or SQL reaches a client.
 */
export function toGraphqlError(error: GraphQLError): ErrorJson {
  const base = { locations: error.locations, path: error.path };
  const original = error.originalError;
  if (original instanceof AppError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, field: original.field ?? null },
    };
  }
  if (!original || original instanceof GraphQLError) {
    return { ...base, message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  if (isUnavailable(original)) {
    logger.warn(`database unavailable: ${original.message}`);
    return {
      ...base,
      message: 'the database is unavailable right now; nothing was recorded, retry shortly',
      extensions: { code: 'UNAVAILABLE', retryable: true },
    };
  }
  logger.error(original.stack ?? original.message);
  return { ...base, message: 'internal error', extensions: { code: 'INTERNAL' } };
}

/** Mercurius' errorFormatter: validation errors it groups are unwrapped, each formatted. */
export function formatGraphqlErrors(execution: ExecutionResult & { statusCode?: number }) {
  const errors = (execution.errors ?? []).flatMap((error) => {
    const grouped = (error.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(grouped)
      ? grouped.map((inner) =>
          toGraphqlError(inner instanceof GraphQLError ? inner : new GraphQLError(String(inner))),
        )
      : [toGraphqlError(error)];
  });
  return { statusCode: 200, response: { data: execution.data ?? null, errors } };
}
