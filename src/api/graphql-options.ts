import type { FastifyRequest } from 'fastify';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { WebSocket } from 'ws';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { DateTimeScalar } from '../common/date-time.scalar.js';
import { asClientError, formatGraphqlErrors } from '../common/graphql-errors.js';
import type { Principal } from '../access/principal.js';
import type { Clock } from '../common/clock.js';
import { operationCost, queryLimitsRule } from '../common/query-limits.js';
import { checkStorableArguments } from '../common/storable-arguments.js';
import type { AppConfig } from '../config/config.js';
import type { Metrics } from '../observability/metrics.js';
import type { SocketRegistry } from '../subscriptions/socket-registry.js';
import { CostBudget, type Charge, type ThrottleStatus } from './cost-budget.js';

/**
 * Mercurius reads a query that is not GraphQL as a JSON syntax tree: a client could hand it any
 * tree, unchecked and of any size, past the token budget. Queries are GraphQL text only.
 */
function refuseJsonDocument(source: string): void {
  let json = true;
  try {
    JSON.parse(source);
  } catch {
    json = false;
  }
  if (json) {
    throw new GraphQLError('query must be a GraphQL document, not JSON', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED', field: 'query' },
    });
  }
}

function isDocument(document: unknown): document is DocumentNode {
  const candidate = document as Partial<DocumentNode> | null;
  return (
    candidate?.kind === Kind.DOCUMENT &&
    Array.isArray(candidate.definitions) &&
    candidate.loc !== undefined
  );
}

/** The first root field of the operation: a metric label from the schema's bounded set. */
function rootFieldOf(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const [first] = definition.selectionSet.selections;
    return first?.kind === Kind.FIELD && !first.name.value.startsWith('__')
      ? first.name.value
      : 'other';
  }
  return 'other';
}

/** What an answer's `extensions.cost` says, in Shopify's words. */
export interface QueryCost {
  readonly requestedQueryCost: number;
  /** The most one operation may cost (GRAPHQL_MAX_COST). */
  readonly maximumCost: number;
  readonly throttleStatus: ThrottleStatus;
}

type MeteredRequest = FastifyRequest & {
  principal?: Principal;
  graphqlOperation?: string;
  graphqlCost?: QueryCost;
};

interface MeteredReply {
  readonly request: MeteredRequest;
  header(name: string, value: string): unknown;
}

function operationNameOf(body: unknown): string | null {
  const name = (body as { operationName?: unknown } | null)?.operationName;
  return typeof name === 'string' ? name : null;
}

const budgetKeyOf = (request: MeteredRequest): string =>
  request.principal?.id ?? `ip:${request.ip}`;

/**
 * Takes an operation's cost from its token's budget before it runs, and notes the cost for the
 * answer's `extensions.cost`.
 */
function meter(
  schema: GraphQLSchema,
  budget: CostBudget,
  config: AppConfig,
  clock: Clock,
  request: MeteredRequest,
  document: DocumentNode,
): { cost: QueryCost; charge: Charge } {
  const requestedQueryCost = operationCost(document, operationNameOf(request.body), schema);
  const charge = budget.charge(budgetKeyOf(request), requestedQueryCost, clock.now().getTime());
  const cost = {
    requestedQueryCost,
    maximumCost: config.queryLimits.maxCost,
    throttleStatus: charge.status,
  };
  request.graphqlCost = cost;
  return { cost, charge };
}

/** An operation its token's budget cannot pay for: nothing runs, and it says when to retry. */
function rateLimited(cost: QueryCost, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `this token's query budget has ${cost.throttleStatus.currentlyAvailable} of the ${cost.requestedQueryCost} points this operation costs; retry in ${retryAfterSeconds} s`,
    { extensions: { code: 'RATE_LIMITED', field: null, retryAfterSeconds, status: 429 } },
  );
}

/** Mercurius' hooks: what is checked of every document before it runs. */
function hooks(
  config: AppConfig,
  sockets: SocketRegistry,
  clock: Clock,
  budget: CostBudget,
): MercuriusDriverConfig['hooks'] {
  return {
    preParsing: (_schema, source) => {
      refuseJsonDocument(source);
    },
    onSubscriptionEnd: (context, id) => {
      sockets.ended((context as { socket?: WebSocket }).socket, id);
    },
    preExecution: (schema, document, context, variables) => {
      checkStorableArguments(document, variables);
      const reply = (context as { reply?: MeteredReply }).reply;
      if (!reply) return;
      reply.request.graphqlOperation = rootFieldOf(document);
      const { cost, charge } = meter(schema, budget, config, clock, reply.request, document);
      if (!charge.allowed) {
        reply.header('retry-after', String(charge.retryAfterSeconds));
        throw rateLimited(cost, charge.retryAfterSeconds);
      }
    },
    onResolution: (execution, context) => {
      const request = (context as { reply?: { request?: MeteredRequest } }).reply?.request;
      if (request?.graphqlCost) {
        Object.assign(execution, {
          extensions: { ...execution.extensions, cost: request.graphqlCost },
        });
      }
    },
    // Mercurius runs neither graphql-js's rules nor custom ones for subscriptions, and
    // takes a `query` sent as an object for a syntax tree: both are checked here.
    preSubscriptionExecution: (schema, document) => {
      if (!isDocument(document)) {
        throw new GraphQLError('query must be a GraphQL document', {
          extensions: { code: 'GRAPHQL_PARSE_FAILED', field: 'query' },
        });
      }
      const [invalid] = validate(schema, document, [
        ...specifiedRules,
        queryLimitsRule(config.queryLimits),
      ]);
      if (invalid) throw asClientError(invalid);
    },
  };
}

/** Code-first resolvers have no decorator for the root types: they are described here. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const roots = [
    [schema.getQueryType(), 'What can be read: sprints, their dashboards, lists and history.'],
    [schema.getMutationType(), 'What can be recorded: each mutation appends events to a sprint.'],
    [schema.getSubscriptionType(), 'What is pushed over WebSocket (graphql-ws) as it is recorded.'],
  ] as const;
  for (const [type, description] of roots) if (type) type.description = description;
  return schema;
}

/** The GraphQL server as the service runs it: limits, error mapping, subscriptions. */
export function graphqlOptions(
  config: AppConfig,
  metrics: Metrics,
  sockets: SocketRegistry,
  clock: Clock,
): MercuriusDriverConfig {
  const budget = new CostBudget(config.rateLimit);
  return {
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: describeRootTypes,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    // GraphiQL is served by the service itself (src/graphiql), not from Mercurius' CDN page.
    graphiql: false,
    path: '/graphql',
    context: (request: FastifyRequest) => ({ request }),
    errorFormatter: (execution, context) => {
      // A document refused before it was measured (malformed, invalid) cost nothing: its answer
      // says so, and what is left.
      const request = (context as { reply?: { request?: MeteredRequest } }).reply?.request;
      if (request && !request.graphqlCost) {
        request.graphqlCost = {
          requestedQueryCost: 0,
          maximumCost: config.queryLimits.maxCost,
          throttleStatus: budget.peek(budgetKeyOf(request), clock.now().getTime()),
        };
      }
      const formatted = formatGraphqlErrors(execution, context);
      for (const error of formatted.response.errors) {
        metrics.graphqlErrors.inc({ code: String(error.extensions.code) });
      }
      return formatted;
    },
    allowBatchedQueries: false,
    // Parsing stops past the token budget, before a syntax tree is built; a valid
    // document is then at most a few hundred KiB of tree, and the caches (one of
    // accepted documents, one of refused ones) hold a bounded number of them.
    graphql: { parseOptions: { maxTokens: config.queryLimits.maxTokens } },
    cache: 64,
    subscription: {
      // Called at connection_init; the socket is handed to the subscription resolvers.
      context: (socket: WebSocket) => {
        sockets.initialised(socket);
        return { socket };
      },
    },
    hooks: hooks(config, sockets, clock, budget),
    validationRules: [
      queryLimitsRule(config.queryLimits),
      ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
  };
}
