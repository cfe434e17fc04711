import { z } from 'zod';

/**
 * What the table of agent operations is made of (see operations.ts).
 *
 * The one table of what an agent does in a day. The MCP tools and the `sprint-ledger` CLI are
 * both made from it, so the two cannot drift; each operation is a GraphQL document sent to the
 * service, so its rules, its checks and its error codes are the API's own.
 */

/** Who the caller is, from the token: the agent it acts as and the sprint it works in. */
export interface Caller {
  readonly agent: string | null;
  readonly sprintId: string;
}

export type Arguments = Record<string, unknown>;

export interface Operation {
  /** The MCP tool's name. */
  readonly name: string;
  /** The CLI's words: `sprint-ledger task start 1.1`. */
  readonly words: readonly string[];
  /** Arguments the CLI takes without a flag, in order. */
  readonly positional: readonly string[];
  readonly title: string;
  readonly description: string;
  readonly input: z.ZodRawShape;
  /** true for an operation that records something (it takes an idempotency key). */
  readonly changes: boolean;
  readonly request: (args: Arguments, caller: Caller) => OperationRequest;
}

/** A GraphQL document and the field of its answer to return, or a plain document's path. */
export type OperationRequest =
  | {
      readonly graphql: string;
      readonly variables: Arguments;
      readonly field: string;
      readonly mutation: boolean;
    }
  | { readonly path: string };

export const sprintId = z
  .string()
  .max(200)
  .optional()
  .describe(
    'The sprint. Defaults to the one sprint the token is bound to (or SPRINT_LEDGER_SPRINT for the CLI and the stdio server).',
  );
export const agent = z
  .string()
  .max(200)
  .optional()
  .describe(
    'Only with a coordinator’s token: the agent to act for. An agent’s token always acts as its own agent.',
  );
export const idempotencyKey = z
  .string()
  .max(200)
  .optional()
  .describe('Send the same key when retrying the same call: the change is recorded once.');
export const taskId = z.string().max(200).describe('The task’s id in the plan, such as "1.1".');
export const severity = z
  .enum(['P0', 'P1', 'P2', 'P3'])
  .describe('P0 stops the sprint, P1 stops an agent, P2 slows work, P3 is minor.');

export const taskFields =
  'id title status phase assignees activeAgent estimateHours actualHours lease { agent expiresAt }';
export const blockerFields =
  'id severity status agent taskId description raisedAt resolution escalations escalatedTo';
export const issueFields = 'id title severity status assignee phase reportedBy updatedAt';
export const communicationFields = 'id type from to subject body at replyTo answer { by body at }';
const payloadFields = 'events { type } userErrors { code field message allowed }';

export function read(
  field: string,
  variables: string,
  selection: string,
  values: (args: Arguments, caller: Caller) => Arguments,
): Operation['request'] {
  const list = variables ? `(${variables.replace(/\$(\w+):[^,]+/g, '$1: $$$1')})` : '';
  return (args, caller) => ({
    graphql: `query${variables ? ` (${variables})` : ''} { ${field}${list} ${selection} }`,
    variables: values(args, caller),
    field,
    mutation: false,
  });
}

/** A mutation of the API's convention: `field(input: FieldInput!)` returning a payload. */
export function change(
  field: string,
  selection: string,
  input: (args: Arguments, caller: Caller) => Arguments,
): Operation['request'] {
  return (args, caller) => ({
    graphql: `mutation ($input: ${field[0]?.toUpperCase() ?? ''}${field.slice(1)}Input!) { ${field}(input: $input) { ${payloadFields} ${selection} } }`,
    variables: {
      input: {
        sprintId: caller.sprintId,
        ...input(args, caller),
        ...(args.idempotencyKey ? { idempotencyKey: args.idempotencyKey } : {}),
      },
    },
    field,
    mutation: true,
  });
}

/** Text an agent may leave out: sent as null rather than as a missing key. */
export const orNull = (value: unknown) => value ?? null;

export type Definition = Omit<Operation, 'positional' | 'changes'> & {
  readonly positional?: readonly string[];
};
