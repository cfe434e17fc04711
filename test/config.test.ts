import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs on defaults for a local machine', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, 'postgres://postgres@127.0.0.1:5432/sprint_ledger');
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:9092']);
    assert.equal(config.kafka.topic, 'sprint-ledger.events');
    assert.equal(config.port, 3000);
    assert.equal(config.graphiql, true);
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://ledger:secret@db:5432/ledger',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      KAFKA_TOPIC: 'ledger.events',
      KAFKA_TOPIC_PARTITIONS: '12',
      PORT: '8080',
      RELAY_BATCH_SIZE: '50',
    });
    assert.deepEqual(config.kafka.brokers, ['kafka-1:9092', 'kafka-2:9092']);
    assert.equal(config.kafka.topicPartitions, 12);
    assert.equal(config.port, 8080);
    assert.equal(config.relay.batchSize, 50);
    assert.equal(config.graphiql, false, 'GraphiQL is off in production unless asked for');
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 3000);
  });

  it('names every bad variable at once, and never echoes a database URL', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://user:secret@host/db',
      KAFKA_BROKERS: 'kafka-without-port',
      KAFKA_TOPIC: 'has spaces',
      PORT: '70000',
      RELAY_BATCH_SIZE: 'many',
    });
    assert.deepEqual(problems.map((problem) => problem.split(' ')[0]).sort(), [
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'KAFKA_TOPIC',
      'PORT',
      'RELAY_BATCH_SIZE',
    ]);
    assert.ok(problems.every((problem) => !problem.includes('secret')));
  });
});
