import { z } from 'zod';
import type { GraphqlBody, LedgerClient } from './ledger-client.js';
import type { Arguments, Caller, Operation } from './operations.js';

/** A refusal, as the API gave it: its stable code, the field at fault, what is allowed. */
export class OperationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly allowed: readonly string[] | null = null,
  ) {
    super(message);
  }

  toJSON() {
    return { code: this.code, field: this.field, message: this.message, allowed: this.allowed };
  }
}

/** Who the token is, as `me` answers: the agent it acts as and the sprints it is bound to. */
export interface Me {
  readonly agent: string | null;
  readonly sprints: readonly string[];
}

/** Raises the first error of a GraphQL answer as an OperationError. */
function throwIfErrors(body: GraphqlBody): void {
  const [error] = body.errors ?? [];
  if (!error) return;
  throw new OperationError(
    error.extensions?.code ?? 'INTERNAL',
    error.message,
    error.extensions?.field ?? null,
    error.extensions?.allowed ?? null,
  );
}

/**
 * Runs the table's operations for one token: who it is (`me`) is asked once, and supplies the
 * agent and, for a token bound to one sprint, the sprint that the caller leaves out.
 */
export class OperationRunner {
  private me: Promise<Me> | null = null;

  constructor(
    private readonly client: LedgerClient,
    private readonly defaults: { readonly sprintId?: string | null; readonly me?: Me } = {},
  ) {
    // Inside the service the guard has already found the token's principal: no `me` round trip.
    if (defaults.me) this.me = Promise.resolve(defaults.me);
  }

  private whoAmI(): Promise<Me> {
    this.me ??= this.client
      .graphql('{ me { agent sprints } }', {})
      .then((body) => {
        throwIfErrors(body);
        return body.data?.me as Me;
      })
      .catch((error: unknown) => {
        this.me = null;
        throw error;
      });
    return this.me;
  }

  private async callerFor(operation: Operation, args: Arguments): Promise<Caller> {
    const needs = (key: string) => key in operation.input;
    if (!needs('sprintId') && !needs('agent')) return { agent: null, sprintId: '' };
    const me = await this.whoAmI();
    // A name given is sent as it is: the API refuses an agent's token acting as another agent.
    const agent = (typeof args.agent === 'string' ? args.agent : null) ?? me.agent;
    if (needs('agent') && !agent) {
      throw new OperationError(
        'VALIDATION_FAILED',
        'this token acts as no agent: name the agent',
        'agent',
      );
    }
    const sprintId =
      (typeof args.sprintId === 'string' ? args.sprintId : null) ??
      (me.sprints.length === 1 ? me.sprints[0] : null) ??
      this.defaults.sprintId ??
      null;
    if (needs('sprintId') && !sprintId) {
      throw new OperationError(
        'VALIDATION_FAILED',
        'this token may act in more than one sprint: name the sprint',
        'sprintId',
      );
    }
    return { agent, sprintId: sprintId ?? '' };
  }

  /** Checks the arguments against the operation's input, then runs it; refusals throw. */
  async run(operation: Operation, raw: Arguments): Promise<unknown> {
    const parsed = z.object(operation.input).strict().safeParse(raw);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      // An argument the tool does not take is named like one it takes but got wrong.
      const field =
        issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? null) : issue?.path.join('.');
      throw new OperationError(
        'VALIDATION_FAILED',
        issue?.message ?? 'invalid arguments',
        field || null,
      );
    }
    const args = parsed.data;
    const caller = await this.callerFor(operation, args);
    const request = operation.request(args, caller);
    if ('path' in request) {
      const answer = await this.client.get(request.path);
      if (answer.status === 404) throw new OperationError('NOT_FOUND', answer.body, 'sprintId');
      if (answer.status >= 400) throw new OperationError(codeOf(answer.status), answer.body);
      return answer.body;
    }
    const body = await this.client.graphql(request.graphql, request.variables);
    throwIfErrors(body);
    const result = body.data?.[request.field] as Record<string, unknown> | null | undefined;
    if (result == null) {
      throw new OperationError('NOT_FOUND', `no sprint ${caller.sprintId}`, 'sprintId');
    }
    if (!request.mutation) return result;
    const [refusal] = (result.userErrors ?? []) as {
      code: string;
      field: string | null;
      message: string;
      allowed: string[] | null;
    }[];
    if (refusal) {
      throw new OperationError(refusal.code, refusal.message, refusal.field, refusal.allowed);
    }
    const { events, ...rest } = result;
    delete rest.userErrors;
    return { recorded: (events as { type: string }[]).map((event) => event.type), ...rest };
  }
}

function codeOf(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  return 'UNAVAILABLE';
}
