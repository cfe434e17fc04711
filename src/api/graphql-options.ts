import type { FastifyRequest } from 'fastify';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
} from 'graphql';
import type { WebSocket } from 'ws';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { DateTimeScalar } from '../common/date-time.scalar.js';
import { asClientError, formatGraphqlErrors } from '../common/graphql-errors.js';
import { queryLimitsRule } from '../common/query-limits.js';
import { checkStorableArguments } from '../common/storable-arguments.js';
import type { AppConfig } from '../config/config.js';
import type { Metrics } from '../observability/metrics.js';
import type { SocketRegistry } from '../subscriptions/socket-registry.js';

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

/** Mercurius' hooks: what is checked of every document before it runs. */
function hooks(config: AppConfig, sockets: SocketRegistry): MercuriusDriverConfig['hooks'] {
  return {
    preParsing: (_schema, source) => {
      refuseJsonDocument(source);
    },
    onSubscriptionEnd: (context, id) => {
      sockets.ended((context as { socket?: WebSocket }).socket, id);
    },
    preExecution: (_schema, document, context, variables) => {
      checkStorableArguments(document, variables);
      const request = (context as { reply?: { request?: object } }).reply?.request;
      if (request) Object.assign(request, { graphqlOperation: rootFieldOf(document) });
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

/** The GraphQL server as the service runs it: limits, error mapping, subscriptions. */
export function graphqlOptions(
  config: AppConfig,
  metrics: Metrics,
  sockets: SocketRegistry,
): MercuriusDriverConfig {
  return {
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    graphiql: config.graphiql,
    path: '/graphql',
    context: (request: FastifyRequest) => ({ request }),
    errorFormatter: (execution, context) => {
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
    hooks: hooks(config, sockets),
    validationRules: [
      queryLimitsRule(config.queryLimits),
      ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
  };
}
