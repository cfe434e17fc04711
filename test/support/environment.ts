import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig, type Environment } from '../../src/config/config.js';

/** Set by scripts/test.sh, which prepares the template database and the test broker. */
export const testDatabaseTemplate = process.env.TEST_DATABASE_TEMPLATE ?? 'sprint_ledger_test';
export const postgresServerUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const kafkaPort = process.env.TEST_KAFKA_PORT ?? '19092';
export const kafkaControllerPort = process.env.TEST_KAFKA_CONTROLLER_PORT ?? '19093';
export const kafkaBrokers = `127.0.0.1:${kafkaPort}`;

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** The token scripts and tests use as the first coordinator (COORDINATOR_TOKEN). */
export const coordinatorToken = 'test-coordinator-token-0123456789abcdef';

export function testEnvironment(databaseUrl: string, overrides: Environment = {}): Environment {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC: uniqueName('test-events'),
    KAFKA_TOPIC_PARTITIONS: '3',
    RELAY_IDLE_POLL_MS: '50',
    RELAY_MAX_BACKOFF_MS: '1000',
    LOG_LEVEL: 'warn',
    PORT: '0',
    COORDINATOR_TOKEN: coordinatorToken,
    ...overrides,
  };
}

export function testConfig(databaseUrl: string, overrides: Environment = {}): AppConfig {
  return loadConfig(testEnvironment(databaseUrl, overrides));
}
