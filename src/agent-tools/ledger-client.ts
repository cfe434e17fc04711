/**
 * How the agent tools reach the service: its GraphQL endpoint and its plain HTTP documents. The
 * MCP server inside the service uses the service itself (Fastify's `inject`, through every hook,
 * guard and rule a client's request goes through); the stdio MCP server and the CLI use HTTP.
 */

export interface GraphqlError {
  readonly message: string;
  readonly extensions?: {
    readonly code?: string;
    readonly field?: string | null;
    readonly allowed?: readonly string[] | null;
    readonly retryAfterSeconds?: number;
  };
}

export interface GraphqlBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphqlError[];
}

export interface DocumentAnswer {
  readonly status: number;
  readonly body: string;
}

export interface LedgerClient {
  graphql(query: string, variables: Record<string, unknown>): Promise<GraphqlBody>;
  /** A plain HTTP document of the service (a path such as `/sprints/x/dashboard.md`). */
  get(path: string): Promise<DocumentAnswer>;
}

/** Where a remote client finds the service and which token it shows. */
export interface RemoteOptions {
  readonly url: string;
  readonly token: string | null;
  readonly fetch?: typeof fetch;
}

/** A client of a running service over HTTP. */
export function remoteClient(options: RemoteOptions): LedgerClient {
  const base = options.url.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  const headers = (extra: Record<string, string>) => ({
    ...extra,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  });
  return {
    async graphql(query, variables) {
      const response = await send(`${base}/graphql`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphqlBody;
    },
    async get(path) {
      const response = await send(`${base}${path}`, { headers: headers({}) });
      return { status: response.status, body: await response.text() };
    },
  };
}
