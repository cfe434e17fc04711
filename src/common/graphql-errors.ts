import { GraphQLError, Kind, parse, visit, type ASTNode, type ExecutionResult } from 'graphql';
import { clientErrorOf } from './client-error.js';
import { AppError } from './errors.js';

/** A path inside a mutation's input is spelled without the `input.` prefix: `blocker.taskId`. */
function relativeToInput(path: string): string {
  return path === 'input' ? '' : path.replace(/^input\./, '');
}

function joinPath(base: string, name: string): string {
  if (!base) return name;
  return name ? `${base}.${name}` : base;
}

/**
 * The path of the argument value `target` inside the document, `input.blocker.severity` or
 * `first`, found by its place in the source: what graphql-js reports about a literal written in
 * the query text carries the node, not its path.
 */
function literalPath(error: GraphQLError): string | null {
  const target = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  if (target === undefined || body === undefined) return null;
  let document;
  try {
    document = parse(body, { maxTokens: 100_000 });
  } catch {
    return null;
  }
  const path: string[] = [];
  let found: string | null = null;
  visit(document, {
    Argument: {
      enter(node) {
        path.push(node.name.value);
      },
      leave() {
        path.pop();
      },
    },
    ObjectField: {
      enter(node) {
        path.push(node.name.value);
      },
      leave() {
        path.pop();
      },
    },
    enter(node) {
      if (found === null && path.length > 0 && node.loc?.start === target && isValueNode(node)) {
        found = path.join('.');
      }
    },
  });
  return found;
}

const valueKinds = new Set<string>([
  Kind.VARIABLE,
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

function isValueNode(node: ASTNode): boolean {
  return valueKinds.has(node.kind);
}

/**
 * The input field a GraphQL validation error is about, spelled as userErrors spell it: the path
 * inside the mutation's input (`taskId`, `blocker.severity`) or the argument's name (`first`),
 * whether the value came as a variable (`... at "input.severity"; ...`) or in the query text.
 */
export function fieldOf(message: string, error?: GraphQLError): string | null {
  const at = /^Variable "\$[^"]+" got invalid value .*? at "([^"]+)"; /s.exec(message)?.[1];
  const missing = /Field "(?:[A-Za-z0-9_]+\.)?([A-Za-z0-9_]+)" of required type/.exec(message)?.[1];
  const argument = /Argument "(?:[A-Za-z0-9_]+\.)?([A-Za-z0-9_]+)"/.exec(message)?.[1];
  if (at !== undefined) return joinPath(relativeToInput(at), missing ?? '') || null;
  const literal = error ? literalPath(error) : null;
  if (literal !== null) return joinPath(relativeToInput(literal), missing ?? '') || null;
  return missing ?? argument ?? null;
}

/** A client's value echoed in a message is cut short: a 1 MB variable is not sent back. */
function withShortValues(message: string): string {
  return message.replace(/"((?:[^"\\]|\\.){60})(?:[^"\\]|\\.){20,}"/g, '"$1…"');
}

/** A document past the token budget is refused like one past the other limits. */
function codeOf(message: string): string {
  return /^Syntax Error: Document contains more that \d+ tokens/.test(message)
    ? 'QUERY_TOO_COMPLEX'
    : 'GRAPHQL_VALIDATION_FAILED';
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
  if (!original || original instanceof GraphQLError) {
    const code = error.extensions.code;
    return {
      ...base,
      message: withShortValues(error.message),
      extensions: {
        ...error.extensions,
        code: typeof code === 'string' ? code : codeOf(error.message),
        field:
          typeof error.extensions.field === 'string'
            ? error.extensions.field
            : fieldOf(error.message, error),
      },
    };
  }
  const client = clientErrorOf(original);
  const extensions: Record<string, unknown> = { code: client.code };
  if (original instanceof AppError) extensions.field = client.field;
  if (client.code === 'PAYLOAD_TOO_LARGE' || client.code === 'BAD_REQUEST') {
    extensions.status = client.httpStatus;
  }
  if (client.retryable) extensions.retryable = true;
  return { ...base, message: client.message, extensions };
}

/**
 * Mercurius' errorFormatter: validation errors it groups are unwrapped, each formatted, and
 * every error carries the request id, to find it in the service's log.
 */
export function formatGraphqlErrors(
  execution: ExecutionResult & { statusCode?: number },
  context: { reply?: { request?: { id?: string; graphqlCost?: object } } },
) {
  const requestId = context.reply?.request?.id ?? null;
  // An operation refused before it ran (over its budget, say) still says what it cost.
  const cost = context.reply?.request?.graphqlCost;
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
  return {
    statusCode,
    response: { data: execution.data ?? null, errors, ...(cost ? { extensions: { cost } } : {}) },
  };
}

/**
 * A subscription's failure after it started (the database gone, say) reaches the client as it is
 * thrown: mapped here, like every other error, to a code and a message that reveals nothing.
 */
export async function* withGraphqlErrors<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    throw asClientError(error);
  }
}

/**
 * Any error, as the one mapping makes it, for where it is sent as it is thrown (WebSocket
 * messages, which the errorFormatter never sees).
 */
export function asClientError(error: unknown): GraphQLError {
  const cause = error instanceof Error ? error : new Error(String(error));
  const graphqlError =
    cause instanceof GraphQLError
      ? cause
      : new GraphQLError(cause.message, { originalError: cause });
  const mapped = toGraphqlError(graphqlError);
  return new GraphQLError(mapped.message, { extensions: mapped.extensions });
}
