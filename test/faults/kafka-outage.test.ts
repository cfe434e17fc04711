import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { relayPositionName, subscriptionLag } from '../../src/event-store/positions.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { repoRoot, testEnvironment } from '../support/environment.js';
import { postGraphql } from '../support/http.js';
import {
  deduplicate,
  readTopic,
  startBroker,
  stopBroker,
  versionsByStream,
} from '../support/kafka.js';
import { allEventIds, waitFor } from '../support/relay.js';
import { startService, type RunningService } from '../support/service.js';

const outageSeconds = 30;

describe('Kafka down for 30 s under load', () => {
  let db: TestDatabase;
  let service: RunningService | undefined;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await startBroker();
    await service?.stop('SIGTERM');
    await db.drop();
  });

  it('takes every mutation meanwhile and publishes all of it, in order per sprint, when Kafka returns', async () => {
    const env = testEnvironment(db.url, { RELAY_MAX_BACKOFF_MS: '2000' });
    service = await startService(env);
    const { url } = service;
    const post = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(url, query, variables)).body;
    const plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    await post(
      'mutation ($plan: String!) { importSprintPlan(input: { plan: $plan }) { userErrors { code } } }',
      { plan },
    );
    await post(
      'mutation { startTask(input: { sprintId: "sprint-4", taskId: "1.1", agent: "python-pro" }) { userErrors { code } } }',
    );

    let loading = true;
    let acknowledged = 0;
    let acknowledgedDuringOutage = 0;
    let down = false;
    const clients = Array.from({ length: 3 }, async () => {
      while (loading) {
        const answer = await post(
          'mutation { logHours(input: { sprintId: "sprint-4", taskId: "1.1", agent: "python-pro", hours: 0.01 }) { userErrors { code } } }',
        );
        assert.deepEqual(answer.data?.logHours?.userErrors, [], 'no mutation fails, Kafka or not');
        acknowledged += 1;
        if (down) acknowledgedDuringOutage += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 2000));
    await stopBroker();
    down = true;
    await new Promise((resolve) => setTimeout(resolve, outageSeconds * 1000));
    const position = relayPositionName(env.KAFKA_TOPIC ?? '');
    const lagDuringOutage = await subscriptionLag(db.pool, position);
    down = false;
    await startBroker();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    loading = false;
    await Promise.all(clients);

    await waitFor(
      async () => (await subscriptionLag(db.pool, position)).events === 0,
      'the relay to catch up',
      120000,
    );
    const ids = await allEventIds(db.pool);
    const messages = await readTopic(
      env.KAFKA_TOPIC ?? '',
      (got) => deduplicate(got).firstSeen.length >= ids.length,
      120000,
    );
    const { firstSeen, duplicates } = deduplicate(messages);
    assert.deepEqual(new Set(firstSeen.map((message) => message.value.eventId)), new Set(ids));
    const versions = versionsByStream(firstSeen).get('sprint-4') ?? [];
    assert.deepEqual(
      versions,
      versions.map((_, index) => index + 1),
      'in order per sprint',
    );
    assert.ok(acknowledgedDuringOutage > 0);
    assert.ok(
      lagDuringOutage.events > 0 && lagDuringOutage.seconds > 10,
      'the relay waited for Kafka',
    );
    console.log(
      `kafka outage: ${outageSeconds} s down, ${acknowledged} acknowledged (${acknowledgedDuringOutage} while down, lag ${lagDuringOutage.events} events / ${lagDuringOutage.seconds.toFixed(1)} s), ${ids.length} stored, ${messages.length} published (${duplicates} duplicates)`,
    );
  });
});
