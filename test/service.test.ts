import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { relayPositionName, subscriptionLag } from '../src/event-store/positions.js';
import { appendToStream, type NewEvent } from '../src/event-store/event-store.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, repoRoot, testEnvironment, uniqueName } from './support/environment.js';
import { deduplicate, readTopic, versionsByStream } from './support/kafka.js';
import { allEventIds, waitFor } from './support/relay.js';
import { failedStart, startService } from './support/service.js';

const run = promisify(execFile);

const agentReady = (index: number): NewEvent => ({
  type: 'AgentReady',
  data: { agent: `agent-${index}` },
  metadata: { actor: 'coordinator', actorKind: 'HUMAN' },
});

interface ReadyBody {
  status: string;
  details: Record<string, { status: string } & Record<string, unknown>>;
}

describe('the service process', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('refuses to start on malformed configuration with one line naming every bad variable', async () => {
    const { code, output } = await failedStart(
      testEnvironment('mysql://nowhere', { KAFKA_BROKERS: 'localhost', PORT: '99999' }),
    );

    assert.equal(code, 1);
    const lines = output.trim().split('\n');
    assert.equal(lines.length, 1, output);
    assert.match(output, /DATABASE_URL must be a URL like postgres:/);
    assert.match(
      output,
      /KAFKA_BROKERS must be a comma-separated list of host:port \(got "localhost"\)/,
    );
    assert.match(output, /PORT/);
    assert.doesNotMatch(output, /\n\s+at /);
  });

  it('serves GraphQL and health, and stops cleanly on SIGTERM', async () => {
    const service = await startService(testEnvironment(db.url));
    try {
      await request(service.url).get('/health/live').expect(200);
      const ready = await request(service.url).get('/health/ready').expect(200);
      const body = ready.body as ReadyBody;
      assert.equal(body.status, 'ok');
      assert.equal(body.details.postgres?.status, 'up');
      assert.equal(body.details.kafka?.status, 'up');
      assert.equal(body.details.kafka.broker, 'up');

      const answer = await request(service.url)
        .post('/graphql')
        .set('authorization', `Bearer ${coordinatorToken}`)
        .send({ query: '{ relayStatus { role lagEvents } }' })
        .expect(200);
      const relay = answer.body as {
        data: unknown;
        extensions: { cost: { requestedQueryCost: number } };
      };
      assert.deepEqual(relay.data, { relayStatus: { role: 'LEADER', lagEvents: 0 } });
      assert.equal(relay.extensions.cost.requestedQueryCost, 3, 'the built service says the cost');
    } finally {
      assert.equal(await service.stop('SIGTERM'), 0);
    }
  });

  it('logs one JSON line per request with its id, principal, operation, duration and outcome, and no token', async () => {
    const service = await startService(
      testEnvironment(db.url, { LOG_FORMAT: 'json', LOG_LEVEL: 'log', RELAY_ENABLED: 'false' }),
    );
    try {
      await request(service.url)
        .post('/graphql')
        .set('authorization', `Bearer ${coordinatorToken}`)
        .send({ query: 'query WhoAmI { me { name } }', operationName: 'WhoAmI' })
        .expect(200);
      await request(service.url)
        .post('/graphql')
        .set('authorization', `Bearer ${coordinatorToken}`)
        .send({
          query:
            'mutation Refused { completeTask(input: { sprintId: "nope", taskId: "1.1" }) { userErrors { code } } }',
          operationName: 'Refused',
        })
        .expect(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await service.stop('SIGTERM');
    }
    const output = service.output();
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLine = (operation: string) =>
      lines.find((line) => line.msg === 'request' && line.operation === operation);
    const whoAmI = requestLine('WhoAmI');
    assert.ok(whoAmI, output.slice(0, 2000));
    assert.equal(typeof whoAmI.reqId, 'string');
    assert.equal(whoAmI.principal, 'bootstrap-coordinator');
    assert.equal(whoAmI.role, 'COORDINATOR');
    assert.equal(whoAmI.outcome, 'ok');
    assert.equal(whoAmI.status, 200);
    assert.equal(typeof whoAmI.durationMs, 'number');
    assert.equal(requestLine('Refused')?.outcome, 'refused');
    assert.ok(!output.includes(coordinatorToken), 'no token in the logs');
    assert.ok(!/authorization/i.test(output), 'no authorization header in the logs');
  });

  it('starts with an unreachable broker, takes appends, and reports Kafka down with the lag', async () => {
    const env = testEnvironment(db.url, { KAFKA_BROKERS: '127.0.0.1:1' });
    const service = await startService(env);
    try {
      const stream = uniqueName('sprint');
      await appendToStream(db.pool, stream, 0, [agentReady(1), agentReady(2), agentReady(3)]);

      const ready = await request(service.url).get('/health/ready').expect(200);
      const kafka = (ready.body as ReadyBody).details.kafka;
      assert.equal((ready.body as ReadyBody).status, 'degraded');
      assert.ok(kafka);
      assert.equal(kafka.status, 'degraded');
      assert.equal(kafka.broker, 'down');
      assert.ok(typeof kafka.lagEvents === 'number' && kafka.lagEvents >= 3);
      assert.ok(typeof kafka.lagSeconds === 'number' && kafka.lagSeconds > 0);
    } finally {
      assert.equal(await service.stop('SIGTERM'), 0);
    }
  });

  it('loads the demo sprint into a database without sprints, and only there', async () => {
    const env = testEnvironment(db.url);
    const importDemo = () =>
      run(
        process.execPath,
        ['dist/src/cli/import-plan.js', '--if-empty', 'fixtures/sprint-4.yaml'],
        {
          cwd: repoRoot,
          env: { PATH: process.env.PATH, ...env },
        },
      );

    assert.match((await importDemo()).stdout, /planned sprint-4/);
    assert.match((await importDemo()).stdout, /already holds a sprint; nothing imported/);
    const sprints = await db.pool.query('SELECT sprint_id FROM sprint_snapshots');
    assert.deepEqual(sprints.rows, [{ sprint_id: 'sprint-4' }]);
  });

  it('loses nothing when the relay is killed mid-batch and restarted', async () => {
    const env = testEnvironment(db.url, { RELAY_BATCH_SIZE: '20' });
    const streams = Array.from({ length: 4 }, () => uniqueName('sprint'));
    for (const stream of streams) {
      for (let version = 0; version < 1000; version += 50) {
        const events = Array.from({ length: 50 }, (_, index) => agentReady(version + index));
        await appendToStream(db.pool, stream, version, events);
      }
    }
    const checkpoint = relayPositionName(env.KAFKA_TOPIC ?? '');
    const stored = await allEventIds(db.pool);

    const first = await startService(env);
    const killAfter = 100 + Math.floor(Math.random() * 1500);
    await waitFor(
      async () => (await subscriptionLag(db.pool, checkpoint)).events <= stored.length - killAfter,
      `${killAfter} events to be published`,
      30000,
      5,
    );
    assert.equal(await first.stop('SIGKILL'), 'SIGKILL');
    const lagAtKill = (await subscriptionLag(db.pool, checkpoint)).events;
    assert.ok(lagAtKill > 0, 'killed before it finished');

    const second = await startService(env);
    try {
      await waitFor(
        async () => (await subscriptionLag(db.pool, checkpoint)).events === 0,
        'the restarted relay to catch up',
      );
    } finally {
      assert.equal(await second.stop('SIGTERM'), 0);
    }

    const messages = await readTopic(
      env.KAFKA_TOPIC ?? '',
      (got) => deduplicate(got).firstSeen.length >= stored.length,
    );
    const { firstSeen, duplicates } = deduplicate(messages);
    assert.deepEqual(new Set(firstSeen.map((message) => message.value.eventId)), new Set(stored));
    assert.ok(messages.every((message) => stored.includes(message.value.eventId)));
    for (const [stream, versions] of versionsByStream(firstSeen)) {
      if (streams.includes(stream)) {
        assert.deepEqual(
          versions,
          versions.map((_, index) => index + 1),
          `order of ${stream}`,
        );
      }
    }
    console.log(
      `relay killed with ${lagAtKill} of ${stored.length} unpublished: received ${messages.length}, duplicates ${duplicates}`,
    );
  });
});
