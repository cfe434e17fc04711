import { Logger } from '@nestjs/common';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { AppError } from './errors.js';

const logger = new Logger('GraphQL');

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

/**
 * The input field a GraphQL validation message is about: `... at "input.severity"; ...` or
 * `Field "taskId" of required type ...`.
 */
export function fieldOf(message: string): string | null {
  const at = /at "([^"]+)"/.exec(message)?.[1];
  if (at) return at.replace(/^input\./, '');
  return (
    /Field "([^"]+)" of required type/.exec(message)?.[1] ??
    /Argument "([^"]+)"/.exec(message)?.[1] ??
    null
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
    const code = error.extensions.code;
    return {
      ...base,
      message: error.message,
      extensions: {
        ...error.extensions,
        code: typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED',
        field: fieldOf(error.message),
      },
    };
  }
  const status = (original as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Refused by the HTTP layer (a body over the limit, a malformed request): say so plainly.
    return {
      ...base,
      message: original.message,
      extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', status },
    };
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

/**
 * Mercurius' errorFormatter: validation errors it groups are unwrapped, each formatted, and
 * every error carries the request id, to find it in the service's log.
 */
export function formatGraphqlErrors(
  execution: ExecutionResult & { statusCode?: number },
  context: { reply?: { request?: { id?: string } } },
) {
  const requestId = context.reply?.request?.id ?? null;
  const errors = (execution.errors ?? [])
    .flatMap((error) => {
      const grouped = (error.originalError as { errors?: unknown } | undefined)?.errors;
      return Array.isArray(grouped)
        ? grouped.map((inner) =>
            toGraphqlError(inner instanceof GraphQLError ? inner : new GraphQLError(String(inner))),
          )
        : [toGraphqlError(error)];
    })
    .map((error): ErrorJson => ({ ...error, extensions: { ...error.extensions, requestId } }));
  const refused = errors.find((error) => typeof error.extensions.status === 'number');
  const statusCode = execution.data == null && refused ? Number(refused.extensions.status) : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}

/**
 * A subscription's failure after it started (the database gone, say) reaches the client as it is
 * thrown: mapped here, like every other error, to a code and a message that reveals nothing.
 */
export async function* withGraphqlErrors<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    const mapped = toGraphqlError(new GraphQLError(cause.message, { originalError: cause }));
    throw new GraphQLError(mapped.message, { extensions: mapped.extensions });
  }
}
