import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { graphqlOptions } from './api/graphql-options.js';
import { AccessModule } from './access/access.module.js';
import { AgentToolsModule } from './agent-tools/agent-tools.module.js';
import { Clock } from './common/clock.js';
import { AppConfig } from './config/config.js';
import { ContractModule } from './contract-documents/contract.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { GraphiqlModule } from './graphiql/graphiql.module.js';
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
          inject: [Metrics, SocketRegistry, Clock],
          useFactory: (metrics: Metrics, sockets: SocketRegistry, clock: Clock) =>
            graphqlOptions(config, metrics, sockets, clock),
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
        AgentToolsModule,
        GraphiqlModule,
      ],
      providers: [{ provide: AppConfig, useValue: config }, Clock],
      exports: [AppConfig, Clock],
    };
  }
}
