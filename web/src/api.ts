/** The service's GraphQL API from the browser: queries over fetch, live updates over WebSocket. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphqlBody<Data> {
  readonly data?: Data | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

function firstError(body: GraphqlBody<unknown>): ApiError | undefined {
  const [error] = body.errors ?? [];
  return error && new ApiError(error.message, error.extensions?.code ?? 'ERROR');
}

export async function graphql<Data>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphqlBody<Data>;
  const error = firstError(body);
  if (error) throw error;
  if (!body.data) throw new ApiError(`HTTP ${response.status}`, 'ERROR');
  return body.data;
}

export interface Live<Data> {
  next(data: Data): void;
  connected(isConnected: boolean): void;
  failed(error: ApiError): void;
}

/**
 * One subscription over the graphql-transport-ws protocol, reconnecting with backoff for as long
 * as the page is open. Returns a function that ends it.
 */
export function subscribe<Data>(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  live: Live<Data>,
): () => void {
  let socket: WebSocket | undefined;
  let stopped = false;
  let backoffMs = 250;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

  const connect = () => {
    socket = new WebSocket(url, 'graphql-transport-ws');
    socket.onopen = () => {
      socket?.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      );
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      const frame = JSON.parse(message.data) as { type: string; payload?: unknown };
      switch (frame.type) {
        case 'connection_ack':
          backoffMs = 250;
          live.connected(true);
          socket?.send(
            JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }),
          );
          break;
        case 'next': {
          const body = frame.payload as GraphqlBody<Data>;
          const error = firstError(body);
          if (error) live.failed(error);
          else if (body.data) live.next(body.data);
          break;
        }
        case 'error': {
          const [error] = frame.payload as { message: string; extensions?: { code?: string } }[];
          live.failed(new ApiError(error?.message ?? 'error', error?.extensions?.code ?? 'ERROR'));
          break;
        }
        case 'connection_error':
          // Mercurius' way of refusing a connection_init under this protocol.
          stopped = true;
          live.failed(new ApiError('the connection was refused', 'UNAUTHENTICATED'));
          break;
        case 'ping':
          socket?.send(JSON.stringify({ type: 'pong' }));
          break;
      }
    };
    socket.onclose = (event: CloseEvent) => {
      live.connected(false);
      if (event.code === 4401 || event.code === 4403) {
        stopped = true;
        live.failed(new ApiError(event.reason || 'forbidden', 'UNAUTHENTICATED'));
      }
      if (stopped) return;
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5000);
    };
  };
  connect();
  return () => {
    stopped = true;
    socket?.close();
  };
}
