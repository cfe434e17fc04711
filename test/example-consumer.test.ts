import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Partitioners } from 'kafkajs';
import { startOpenBlockersConsumer, type RunningConsumer } from '../examples/consumer/consumer.js';
import { OpenBlockersView, type SprintLedgerEvent } from '../examples/consumer/open-blockers.js';
import type { AppConfig } from '../src/config/config.js';
import { streamVersion } from '../src/event-store/event-store.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { kafkaBrokers, testConfig } from './support/environment.js';
import { testKafka } from './support/kafka.js';

const raised = (id: string, version: number, blockerId: string): SprintLedgerEvent => ({
  id,
  type: 'BlockerRaised',
  schemaVersion: 1,
  sprintId: 's',
  streamVersion: version,
  data: { blockerId, severity: 'P1', agent: 'dev', taskId: null, description: 'stuck' },
});

describe('the example consumer’s view', () => {
  it('keeps open blockers, skips re-sent events, and reports a gap instead of applying it', () => {
    const view = new OpenBlockersView();
    assert.equal(view.apply(raised('a', 1, 'B-1')), 'applied');
    assert.equal(view.apply(raised('a', 1, 'B-1')), 'duplicate');
    assert.equal(view.apply(raised('c', 3, 'B-3')), 'out-of-order');
    assert.equal(view.apply(raised('b', 2, 'B-2')), 'applied');
    assert.equal(
      view.apply({
        id: 'd',
        type: 'BlockerResolved',
        schemaVersion: 1,
        sprintId: 's',
        streamVersion: 3,
        data: { blockerId: 'B-1' },
      }),
      'applied',
    );
    assert.deepEqual(
      view.openBlockers('s').map((blocker) => blocker.id),
      ['B-2'],
    );
    assert.deepEqual(view.counts, { applied: 3, duplicates: 1 });
    assert.deepEqual(view.problems, ['s: expected version 2, got 3 (BlockerRaised c)']);
  });
});

describe('the example consumer against the real broker', () => {
  const sprintId = 'sprint-4';
  let db: TestDatabase;
  let config: AppConfig;
  let app: TestApp;
  let consumer: RunningConsumer | undefined;

  before(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    app = await startTestApp(config);
  });
  after(async () => {
    await consumer?.stop();
    await app.close();
    await db.drop();
  });

  const accepted = async (name: string, input: Record<string, unknown>) => {
    const result = await app.mutate(name, { sprintId, ...input });
    assert.deepEqual(result.userErrors, [], `${name} ${JSON.stringify(input)}`);
  };

  it('receives a played scenario once each, in order, and ends with the service’s open blockers', async () => {
    await app.importDemoSprint();
    await accepted('startTask', { taskId: '1.1', agent: 'python-pro' });
    await accepted('raiseBlocker', {
      severity: 'P1',
      agent: 'python-pro',
      taskId: '1.1',
      description: 'Temporal SDK will not install',
    });
    await accepted('raiseBlocker', { severity: 'P3', agent: 'qa-engineer', description: 'No UI' });
    await accepted('logCommunication', {
      from: 'devops-engineer',
      subject: 'Docker is down',
      body: 'Nothing deploys until it is back',
      type: 'BLOCKER',
      blocker: { severity: 'P2' },
    });
    await accepted('changeBlockerSeverity', { blockerId: 'B-2', severity: 'P2', reason: 'soon' });
    await accepted('resolveBlocker', { blockerId: 'B-1', resolution: 'pinned the SDK version' });
    await accepted('logHours', { taskId: '1.1', agent: 'python-pro', hours: 1, note: 'unblocked' });
    await accepted('raiseBlocker', { severity: 'P0', agent: 'python-pro', description: 'Disk' });
    await accepted('resolveBlocker', { blockerId: 'B-4', resolution: 'freed space' });
    const version = await streamVersion(db.pool, sprintId);

    consumer = await startOpenBlockersConsumer({
      brokers: [kafkaBrokers],
      topic: config.kafka.topic,
    });
    await consumer.caughtUp(sprintId, version);

    // At least once: a relay that crashed before saving its checkpoint sends events again.
    const resent = await resendFirstMessages(config.kafka.topic, 5);
    await waitUntil(() => consumer?.view.counts.duplicates === resent);

    const service = await app.graphql<{
      blockers: {
        nodes: {
          id: string;
          severity: string;
          agent: string;
          taskId: string | null;
          description: string;
        }[];
      };
    }>(
      `query ($id: ID!) { blockers(sprintId: $id, status: OPEN) {
        nodes { id severity agent taskId description } } }`,
      { id: sprintId },
    );
    assert.ok(service.data, JSON.stringify(service.errors));
    assert.deepEqual(consumer.view.openBlockers(sprintId), service.data.blockers.nodes);
    assert.deepEqual(
      consumer.view.openBlockers(sprintId).map((blocker) => [blocker.id, blocker.severity]),
      [
        ['B-2', 'P2'],
        ['B-3', 'P2'],
      ],
    );
    assert.deepEqual(consumer.view.counts, { applied: version, duplicates: resent });
    assert.deepEqual(consumer.view.problems, []);
  });
});

/** Publishes the topic's first messages again, exactly as they were. */
async function resendFirstMessages(topic: string, count: number): Promise<number> {
  const copies: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer> }[] =
    [];
  const reader = testKafka.consumer({ groupId: `resend-${Date.now()}`, maxWaitTimeInMs: 100 });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void reader.run({
      eachMessage: ({ message }) => {
        if (copies.length < count) {
          const headers: Record<string, Buffer> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) {
            if (Buffer.isBuffer(value)) headers[name] = value;
          }
          copies.push({ key: message.key, value: message.value, headers });
        }
        if (copies.length === count) resolve();
        return Promise.resolve();
      },
    });
  });
  await reader.disconnect();
  const producer = testKafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, messages: copies });
  await producer.disconnect();
  return copies.length;
}

async function waitUntil(condition: () => boolean, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
