import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { AccessModule } from './access/access.module.js';
import { Clock } from './common/clock.js';
import { DateTimeScalar } from './common/date-time.scalar.js';
import { formatGraphqlErrors } from './common/graphql-errors.js';
import { queryLimitsRule } from './common/query-limits.js';
import { AppConfig } from './config.js';
import { ContractModule } from './contract/contract.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { Metrics } from './observability/metrics.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { SprintsModule } from './sprints/sprints.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';

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
          imports: [ObservabilityModule],
          inject: [Metrics],
          useFactory: (metrics: Metrics) => ({
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
            subscription: true,
            hooks: {
              // Mercurius runs custom validation rules for queries and mutations only.
              preSubscriptionExecution: (schema, document) => {
                const [tooComplex] = validate(schema, document, [
                  queryLimitsRule(config.queryLimits),
                ]);
                if (tooComplex) throw tooComplex;
              },
            },
            validationRules: [
              queryLimitsRule(config.queryLimits),
              ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
            ],
          }),
        }),
        DatabaseModule,
        AccessModule,
        EventStoreModule,
        HealthModule,
        SprintsModule,
        DashboardModule,
        ReadModelsModule,
        ContractModule,
        SubscriptionsModule,
      ],
      providers: [{ provide: AppConfig, useValue: config }, Clock],
      exports: [AppConfig, Clock],
    };
  }
}
