import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '../config/config.js';
import { Metrics } from '../observability/metrics.js';
import { relayPositionName, subscriptionLag } from './positions.js';

/**
 * The relay's lag as Prometheus gauges, read from Postgres when scraped: every instance reports
 * the same truth whichever one publishes.
 */
@Injectable()
export class RelayMetrics implements OnModuleInit {
  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const lag = () => subscriptionLag(this.pool, relayPositionName(this.config.kafka.topic));
    this.metrics.addCollectedGauge(
      'sprint_ledger_relay_lag_events',
      'Committed events Kafka has not yet acknowledged.',
      async () => (await lag()).events,
    );
    this.metrics.addCollectedGauge(
      'sprint_ledger_relay_lag_seconds',
      'Age of the oldest event Kafka has not yet acknowledged.',
      async () => (await lag()).seconds,
    );
  }
}
