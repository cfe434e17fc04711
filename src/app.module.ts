import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
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
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { AccessModule } from './access/access.module.js';
import { Clock } from './common/clock.js';
import { DateTimeScalar } from './common/date-time.scalar.js';
import { asClientError, formatGraphqlErrors } from './common/graphql-errors.js';
import { queryLimitsRule } from './common/query-limits.js';
import { checkStorableArguments } from './common/storable-arguments.js';
import { AppConfig } from './config/config.js';
import { ContractModule } from './contract/contract.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { ReactionsModule } from './reactions/reactions.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { Metrics } from './observability/metrics.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { sprintLog } from './sprints/sprint-events.js';
import { SprintsModule } from './sprints/sprints.module.js';
import { inlineProjections } from './sprint-ledger.factory.js';
import { SocketRegistry } from './subscriptions/socket-registry.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';

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

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ObservabilityModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [ObservabilityModule, SubscriptionsModule],
          inject: [Metrics, SocketRegistry],
          useFactory: (metrics: Metrics, sockets: SocketRegistry) => ({
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
            hooks: {
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
            },
            validationRules: [
              queryLimitsRule(config.queryLimits),
              ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
            ],
          }),
        }),
        CqrsModule.forRoot(),
        DatabaseModule,
        AccessModule,
        EventStoreModule.forRoot(sprintLog),
        HealthModule,
        SprintsModule.forRoot({ projections: inlineProjections }),
        DashboardModule,
        ReadModelsModule,
        ContractModule,
        SubscriptionsModule,
        ReactionsModule,
      ],
      providers: [{ provide: AppConfig, useValue: config }, Clock],
      exports: [AppConfig, Clock],
    };
  }
}
