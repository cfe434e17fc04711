import { coordinatorToken } from './environment.js';

export interface GraphqlAnswer {
  readonly status: number;
  readonly body: {
    data?: Record<string, { events: { eventId: string }[]; userErrors: { code: string }[] } | null>;
    errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[];
  };
}

/** One GraphQL request to a service process, as the coordinator; throws when nothing answers. */
export async function postGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 10000,
): Promise<GraphqlAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinatorToken}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as GraphqlAnswer['body'] };
}
