import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus metrics, on a registry of its own (several services in one test
 * process must not share one). Parts of the service add the gauges they measure (the relay its
 * lag, read from Postgres when scraped, so every instance reports the same truth).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly eventsAppended = new Counter({
    name: 'sprint_ledger_events_appended_total',
    help: 'Events recorded, by stored type.',
    labelNames: ['type'],
    registers: [this.registry],
  });

  readonly mutationDuration = new Histogram({
    name: 'sprint_ledger_mutation_duration_seconds',
    help: 'Time to decide and record a sprint mutation, by command and outcome.',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'sprint_ledger_graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP, by operation name.',
    labelNames: ['operation'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'sprint_ledger_graphql_errors_total',
    help: 'GraphQL errors and refused mutations (userErrors), by code.',
    labelNames: ['code'],
    registers: [this.registry],
  });

  readonly relayStalled = new Gauge({
    name: 'sprint_ledger_relay_stalled',
    help: '1 while the relay cannot publish the next event however often it retries (an event over the topic limit), else 0.',
    registers: [this.registry],
  });

  readonly kafkaPublishErrors = new Counter({
    name: 'sprint_ledger_kafka_publish_errors_total',
    help: 'Failed attempts of the relay to publish a batch to Kafka.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sprint_ledger_' });
  }

  /** A gauge read when scraped, for a part of the service that knows how to measure it. */
  addCollectedGauge(name: string, help: string, measure: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await measure());
      },
    });
  }
}
