/** A GraphQL client that fails loudly: a bench figure over refused calls would measure nothing. */
export function graphqlClient(url: string, token: string) {
  return async <Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Data> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: unknown };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
    return body.data;
  };
}

export type GraphqlClient = ReturnType<typeof graphqlClient>;

export const logHoursMutation = `mutation ($input: LogHoursInput!) {
  logHours(input: $input) { events { eventId } userErrors { code } }
}`;

export interface LogHoursAnswer {
  readonly logHours: {
    readonly events: readonly { eventId: string }[];
    readonly userErrors: readonly { code: string }[];
  };
}

export const logHoursOf = (sprintId: string) => ({
  input: { sprintId, taskId: '1.1', agent: 'python-pro', hours: 0.01 },
});
