import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { Public } from '../access/access.guard.js';
import { AppConfig } from '../config/config.js';
import { relayPositionName, subscriptionLag } from '../event-store/positions.js';
import { KafkaRelay } from '../event-store/kafka-relay.js';

const probeTimeoutMs = 2000;

/**
 * Liveness says the process answers. Readiness says it can take writes: that needs Postgres only.
 * A Kafka outage makes the service `degraded`, not unready: appends still succeed and the relay
 * catches up later, so the body reports the broker and how far publishing lags instead.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly pool: Pool,
    private readonly kafka: Kafka,
    private readonly relay: KafkaRelay,
    private readonly config: AppConfig,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators
          .check('postgres')
          .attempt(async () => {
            await this.pool.query('SELECT 1');
          })
          .withTimeout(probeTimeoutMs),
      () => this.kafkaIndicator(),
    ]);
  }

  private async kafkaIndicator() {
    const [reachable, lag] = await Promise.all([
      brokerReachable(this.kafka),
      subscriptionLag(this.pool, relayPositionName(this.config.kafka.topic)).catch(() => null),
    ]);
    const state = this.relay.relayState();
    const details = {
      broker: reachable ? 'up' : 'down',
      topic: this.config.kafka.topic,
      relay: state.role,
      lagEvents: lag?.events ?? null,
      lagSeconds: lag?.seconds ?? null,
      lastError: state.lastError,
      stalled: state.stalled,
    };
    const session = this.indicators.check('kafka');
    return reachable && state.stalled === null ? session.up(details) : session.degraded(details);
  }
}

async function brokerReachable(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      admin.connect().then(() => admin.describeCluster()),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error('timeout'));
        }, probeTimeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
