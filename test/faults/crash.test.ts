import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { relayPositionName, subscriptionLag } from '../../src/event-store/positions.js';
import { readStream } from '../../src/event-store/event-store.js';
import { rebuildReadModels } from '../../src/read-models/rebuild.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { repoRoot, testEnvironment } from '../support/environment.js';
import { postGraphql } from '../support/http.js';
import { deduplicate, readTopic, versionsByStream } from '../support/kafka.js';
import { allEventIds, waitFor } from '../support/relay.js';
import { readModelContents } from '../support/read-models.js';
import { startService, type RunningService } from '../support/service.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

interface Ack {
  readonly key: string;
  readonly eventIds: readonly string[];
}

/** One mutation over HTTP; undefined when the service did not answer (it was killed). */
async function send(url: string, query: string, variables: Record<string, unknown>) {
  try {
    const answer = await postGraphql(url, query, variables, 5000);
    return answer.status === 200 ? answer.body : undefined;
  } catch {
    return undefined;
  }
}

const logHours = `mutation ($input: LogHoursInput!) {
  logHours(input: $input) { events { eventId } userErrors { code } }
}`;

describe('crashes: the service killed -9 again and again under load', () => {
  let db: TestDatabase;
  let service: RunningService | undefined;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await service?.stop('SIGKILL');
    await db.drop();
  });

  it('keeps every acknowledged mutation exactly once, publishes every event, and rebuilds to the same read models', async () => {
    const port = await freePort();
    const env = testEnvironment(db.url, { PORT: String(port), RELAY_BATCH_SIZE: '50' });
    const url = `http://127.0.0.1:${port}`;
    service = await startService(env);
    const plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const imported = await send(
      url,
      'mutation ($plan: String!) { importSprintPlan(input: { plan: $plan }) { userErrors { code } } }',
      { plan },
    );
    assert.deepEqual(imported?.data?.importSprintPlan?.userErrors, []);
    for (const [taskId, agent] of [
      ['1.1', 'python-pro'],
      ['2.1', 'devops-engineer'],
    ]) {
      const started = await send(
        url,
        'mutation ($input: StartTaskInput!) { startTask(input: $input) { userErrors { code } } }',
        {
          input: { sprintId: 'sprint-4', taskId, agent },
        },
      );
      assert.deepEqual(started?.data?.startTask?.userErrors, []);
    }

    let loading = true;
    const acks: Ack[] = [];
    let retries = 0;
    const client = async (index: number) => {
      const [taskId, agent] = index % 2 ? ['1.1', 'python-pro'] : ['2.1', 'devops-engineer'];
      while (loading) {
        // A client that gets no answer retries with the same key, as a real one would.
        const key = randomUUID();
        for (;;) {
          const answer = await send(url, logHours, {
            input: { sprintId: 'sprint-4', taskId, agent, hours: 0.01, idempotencyKey: key },
          });
          const payload = answer?.data?.logHours;
          if (payload && payload.userErrors.length === 0) {
            acks.push({ key, eventIds: payload.events.map((event) => event.eventId) });
            break;
          }
          retries += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const clients = Array.from({ length: 4 }, (_, index) => client(index));

    const kills = 5;
    for (let kill = 0; kill < kills; kill += 1) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
      assert.equal(await service.stop('SIGKILL'), 'SIGKILL');
      service = await startService(env);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    loading = false;
    await Promise.all(clients);

    const position = relayPositionName(env.KAFKA_TOPIC ?? '');
    await waitFor(
      async () => (await subscriptionLag(db.pool, position)).events === 0,
      'the relay to catch up',
    );

    const events = await readStream(db.pool, 'sprint-4');
    const logged = events.filter((event) => event.type === 'HoursLogged');
    const keys = logged.map((event) => event.metadata.idempotencyKey);
    assert.equal(new Set(keys).size, keys.length, 'no idempotency key recorded twice');
    const stored = new Set(events.map((event) => event.eventId));
    for (const ack of acks) {
      assert.equal(ack.eventIds.length, 1);
      assert.ok(
        ack.eventIds.every((id) => stored.has(id)),
        `acknowledged ${ack.key} is stored`,
      );
      assert.equal(keys.filter((key) => key === ack.key).length, 1, `${ack.key} once`);
    }
    const task = (id: string) =>
      logged.filter((event) => event.data.taskId === id).at(-1)?.data.totalHours as
        number | undefined;
    const expected = (id: string) =>
      Math.round(logged.filter((event) => event.data.taskId === id).length) / 100;
    assert.equal(task('1.1'), expected('1.1'), 'total hours count every logged entry once');
    assert.equal(task('2.1'), expected('2.1'));

    const ids = await allEventIds(db.pool);
    const messages = await readTopic(
      env.KAFKA_TOPIC ?? '',
      (got) => deduplicate(got).firstSeen.length >= ids.length,
    );
    const { firstSeen, duplicates } = deduplicate(messages);
    assert.deepEqual(new Set(firstSeen.map((message) => message.value.eventId)), new Set(ids));
    const versions = versionsByStream(firstSeen).get('sprint-4') ?? [];
    assert.deepEqual(
      versions,
      versions.map((_, index) => index + 1),
      'in order per sprint',
    );

    const live = await readModelContents(db.pool);
    await rebuildReadModels(db.pool);
    assert.deepEqual(await readModelContents(db.pool), live, 'read models equal a rebuild');

    console.log(
      `crash test: ${kills} kill -9, ${acks.length} acknowledged, ${retries} retries, ${logged.length} stored, ${events.length} events in the sprint, ${messages.length} on the topic (${duplicates} duplicates)`,
    );
  });
});
