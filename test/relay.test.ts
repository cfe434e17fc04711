import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { relayPositionName, subscriptionLag } from '../src/event-store/positions.js';
import { appendToStream, type NewEvent } from '../src/event-store/event-store.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig, uniqueName } from './support/environment.js';
import {
  deduplicate,
  readTopic,
  startBroker,
  stopBroker,
  testKafka,
  versionsByStream,
  type TopicMessage,
} from './support/kafka.js';
import { allEventIds, appendWithRetry, startRelay, waitFor } from './support/relay.js';
import kafkajs from 'kafkajs';
import request from 'supertest';
import { aSprintPlan } from './builders/sprint-plan.builder.js';
import { startTestApp } from './support/app.js';
import { countEvents } from './support/database.js';

const hoursLogged = (writer: number, entry: number): NewEvent => ({
  type: 'HoursLogged',
  data: { writer, entry, hours: 0.5 },
  metadata: { actor: `agent-${writer}`, actorKind: 'AGENT' },
});

/** Every stored event arrived, nothing else did, and each stream's versions came in order. */
function assertDelivered(messages: readonly TopicMessage[], storedIds: readonly string[]) {
  const { firstSeen, duplicates } = deduplicate(messages);
  assert.deepEqual(new Set(firstSeen.map((message) => message.value.eventId)), new Set(storedIds));
  assert.equal(firstSeen.length, storedIds.length);
  for (const [stream, versions] of versionsByStream(firstSeen)) {
    assert.deepEqual(
      versions,
      versions.map((_, index) => index + 1),
      `versions of ${stream} arrive in order`,
    );
  }
  return { received: messages.length, unique: firstSeen.length, duplicates };
}

/** Checked at every message read: it de-duplicates only once enough messages are in. */
const allArrived = (ids: readonly string[]) => (messages: readonly TopicMessage[]) =>
  messages.length >= ids.length && deduplicate(messages).firstSeen.length >= ids.length;

describe('Kafka relay against the real broker', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('publishes every event of 20 concurrent writers over 5 streams, in order per stream', async () => {
    const config = testConfig(db.url, { RELAY_BATCH_SIZE: '200' });
    const relay = startRelay(config);
    try {
      const sprint = uniqueName('sprint');
      const writers = Array.from({ length: 20 }, async (_, writer) => {
        for (let entry = 0; entry < 50; entry += 1) {
          const stream = `${sprint}-${(writer + entry) % 5}`;
          await appendWithRetry(db.pool, stream, [
            hoursLogged(writer, entry),
            hoursLogged(writer, entry),
          ]);
        }
      });
      await Promise.all(writers);
      const stored = await allEventIds(db.pool);
      assert.equal(stored.length, 2000);

      const messages = await readTopic(config.kafka.topic, allArrived(stored));
      const counts = assertDelivered(messages, stored);
      console.log(`20 writers / 5 streams: stored ${stored.length}, ${JSON.stringify(counts)}`);

      const admin = testKafka.admin();
      await admin.connect();
      const { topics } = await admin.fetchTopicMetadata({ topics: [config.kafka.topic] });
      await admin.disconnect();
      assert.equal(
        topics[0]?.partitions.length,
        config.kafka.topicPartitions,
        'created with the configured partitions',
      );

      const [sample] = messages;
      assert.ok(sample);
      assert.equal(sample.key, sample.value.streamId);
      assert.equal(sample.headers.ce_id, sample.value.eventId);
      assert.equal(sample.headers.ce_subject, sample.value.streamId);
      assert.equal(sample.headers.ce_type, 'HoursLogged');
      assert.equal(sample.headers.ce_specversion, '1.0');
      assert.equal(sample.headers.ce_streamversion, String(sample.value.streamVersion));
      assert.equal(sample.headers.ce_position, String(sample.value.position));
      assert.equal(sample.headers['content-type'], 'application/json');
    } finally {
      await relay.stop();
    }
  });

  it('delivers an event whose transaction commits after a later one', async () => {
    const config = testConfig(db.url);
    const relay = startRelay(config);
    const t1 = await db.pool.connect();
    try {
      await t1.query('BEGIN');
      const [early] = await appendToStream(t1, uniqueName('sprint'), 0, [hoursLogged(1, 1)]);
      const [late] = await appendToStream(db.pool, uniqueName('sprint'), 0, [hoursLogged(2, 1)]);
      assert.ok(early && late);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await t1.query('COMMIT');

      const wanted = [early.eventId, late.eventId];
      const messages = await readTopic(config.kafka.topic, (got) =>
        wanted.every((id) => got.some((message) => message.value.eventId === id)),
      );
      const received = new Set(messages.map((message) => message.value.eventId));
      assert.ok(wanted.every((id) => received.has(id)));
    } finally {
      t1.release();
      await relay.stop();
    }
  });

  it('publishes, in log order, events whose transaction ids cross a change in digits', async () => {
    // Transaction ids 98, 99, 100, 101, all below the current xmin: sorted as text they would
    // read 100, 101, 98, 99, and a batch of two would move the position past 98 and 99.
    const digits = await createTestDatabase();
    const config = testConfig(digits.url, { RELAY_BATCH_SIZE: '2' });
    const stream = uniqueName('sprint');
    try {
      for (const [index, xid] of [98, 99, 100, 101].entries()) {
        await digits.pool.query(
          `INSERT INTO events (transaction_id, stream_id, stream_version, event_id, type, data)
           VALUES ($1::text::xid8, $2, $3, gen_random_uuid(), 'HoursLogged', '{}')`,
          [xid, stream, index + 1],
        );
      }
      const relay = startRelay(config);
      try {
        await waitFor(() => relay.relayState().position.position > 0, 'a first batch');
        const messages = await readTopic(config.kafka.topic, (got) => got.length >= 4);
        assert.deepEqual(
          deduplicate(messages).firstSeen.map((message) => message.value.streamVersion),
          [1, 2, 3, 4],
        );
        const lag = await subscriptionLag(digits.pool, relayPositionName(config.kafka.topic));
        assert.equal(lag.events, 0, 'the position reached the last event');
      } finally {
        await relay.stop();
      }
    } finally {
      await digits.drop();
    }
  });

  it('cuts batches by bytes, so a backlog over the message limit still goes out', async () => {
    // The size once seen: 50,000 events read 2,000 at a time into a topic of the broker's
    // default 1 MiB. At about 800 bytes an event, sent by count alone every batch is refused as
    // too large, forever (0 of 50,000 were published in 40 s).
    const backlog = await createTestDatabase();
    const config = testConfig(backlog.url, {
      RELAY_BATCH_SIZE: '2000',
      KAFKA_MAX_MESSAGE_BYTES: '1048576',
    });
    const stream = uniqueName('sprint');
    const padding = 'p'.repeat(400);
    for (let chunk = 0; chunk < 50; chunk += 1) {
      await appendToStream(
        backlog.pool,
        stream,
        chunk * 1000,
        Array.from({ length: 1000 }, (_, entry) => ({
          type: 'HoursLogged',
          data: { chunk, entry, padding },
        })),
      );
    }
    const relay = startRelay(config);
    try {
      await waitFor(async () => {
        const lag = await subscriptionLag(backlog.pool, relayPositionName(config.kafka.topic));
        return lag.events === 0;
      }, 'the relay to publish the backlog');
      const stored = await allEventIds(backlog.pool);
      assert.equal(stored.length, 50_000);
      const messages = await readTopic(config.kafka.topic, allArrived(stored));
      assertDelivered(messages, stored);
      const admin = testKafka.admin();
      await admin.connect();
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          {
            type: kafkajs.ConfigResourceTypes.TOPIC,
            name: config.kafka.topic,
            configNames: ['max.message.bytes'],
          },
        ],
      });
      await admin.disconnect();
      assert.equal(described.resources[0]?.configEntries[0]?.configValue, '1048576');
    } finally {
      await relay.stop();
      await backlog.drop();
    }
  });

  it('records and publishes the largest plan the API takes, 1,000,000 characters', async () => {
    const large = await createTestDatabase();
    const config = testConfig(large.url);
    const app = await startTestApp(config);
    try {
      const base = aSprintPlan({ key: uniqueName('large').replaceAll('_', '-') });
      const [, second] = base.phases;
      assert.ok(second);
      // Four phases of 500 tasks, the most a phase holds, titles long enough to fill the limit.
      const phases = [...base.phases, { ...second, number: 4, dependsOn: [] }];
      const planOf = (titleLength: number) =>
        JSON.stringify({
          ...base,
          phases: phases.map((phase) => ({
            ...phase,
            tasks: Array.from({ length: 500 }, (_, index) => ({
              id: `${phase.number}.${index}`,
              title: `${index} ${'t'.repeat(titleLength)}`,
              estimateHours: 1,
              assignees: phase.tasks[0]?.assignees ?? ['dev'],
              dependsOn: [],
            })),
          })),
        });
      let titleLength = 490;
      while (planOf(titleLength).length > 1_000_000) titleLength -= 1;
      const plan = planOf(titleLength);
      assert.ok(plan.length > 995_000, `${plan.length} characters`);
      const imported = await app.mutate('importSprintPlan', { plan });
      assert.deepEqual(imported.userErrors, []);
      const [planned] = imported.events;
      assert.ok(planned);
      const messages = await readTopic(config.kafka.topic, (got) =>
        got.some((message) => message.value.eventId === planned.eventId),
      );
      const message = messages.find((candidate) => candidate.value.eventId === planned.eventId);
      assert.equal(message?.headers.ce_type, 'SprintPlanned');
    } finally {
      await app.close();
      await large.drop();
    }
  });

  it('records no event the topic cannot carry, and says so when the log holds one', async () => {
    const small = await createTestDatabase();
    const app = await startTestApp(testConfig(small.url, { KAFKA_MAX_MESSAGE_BYTES: '65536' }));
    try {
      const base = aSprintPlan();
      // About 100 KB of plan: 600 tasks, 200 to a phase.
      const plan = aSprintPlan({
        phases: base.phases.map((phase) => ({
          ...phase,
          tasks: Array.from({ length: 200 }, (_, index) => ({
            id: `${phase.number}.${index}`,
            title: `a task with a title long enough to weigh on the plan ${index}`,
            estimateHours: 1,
            assignees: phase.tasks[0]?.assignees ?? ['dev'],
            dependsOn: [],
          })),
        })),
      });
      const refused = await app.mutate('importSprintPlan', { plan: JSON.stringify(plan) });
      const [problem] = refused.userErrors;
      assert.ok(problem, 'the plan was refused');
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.equal(problem.field, 'plan');
      assert.match(problem.message, /at most \d+ bytes/);
      assert.equal(await countEvents(small.pool), 0, 'nothing recorded');

      // An event that reached the log another way (an older limit, a hand-written row).
      await small.pool.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, data)
         VALUES ('oversized', 1, gen_random_uuid(), 'HoursLogged', $1)`,
        [JSON.stringify({ padding: 'p'.repeat(100_000) })],
      );
      await waitFor(async () => {
        const ready = await request(app.url).get('/health/ready');
        const kafka = (
          ready.body as { details?: { kafka?: { status?: string; stalled?: string } } }
        ).details?.kafka;
        return kafka?.status === 'degraded' && /bytes on Kafka/.test(kafka.stalled ?? '');
      }, 'readiness to report the stalled relay');
      const metrics = await request(app.url).get('/metrics');
      assert.match(metrics.text, /^sprint_ledger_relay_stalled 1$/m);
    } finally {
      await app.close();
      await small.drop();
    }
  });

  it('keeps appending while the broker is down and catches up, in order, when it returns', async () => {
    const config = testConfig(db.url, { RELAY_BATCH_SIZE: '100' });
    const relay = startRelay(config);
    const streams = Array.from({ length: 3 }, () => uniqueName('sprint'));
    const appendRound = (round: number) =>
      Promise.all(
        streams.map((stream) =>
          appendWithRetry(db.pool, stream, [hoursLogged(round, 1), hoursLogged(round, 2)]),
        ),
      );
    try {
      for (let round = 0; round < 20; round += 1) await appendRound(round);
      await waitFor(async () => {
        const lag = await subscriptionLag(db.pool, relayPositionName(config.kafka.topic));
        return lag.events === 0;
      }, 'the relay to publish before the outage');

      await stopBroker();
      let appendedDuringOutage = 0;
      for (let round = 20; round < 70; round += 1) {
        await appendRound(round);
        appendedDuringOutage += streams.length * 2;
      }
      await waitFor(() => relay.relayState().lastError !== null, 'the relay to notice the outage');
      const lagDuringOutage = await subscriptionLag(db.pool, relayPositionName(config.kafka.topic));
      assert.ok(lagDuringOutage.events >= appendedDuringOutage);

      await startBroker();
      const stored = await allEventIds(db.pool);
      const mine = new Set(stored);
      const messages = await readTopic(config.kafka.topic, allArrived(stored), 120000);
      const counts = assertDelivered(
        messages.filter((message) => mine.has(message.value.eventId)),
        stored,
      );
      console.log(
        `broker outage: appended ${appendedDuringOutage} while down, lag ${lagDuringOutage.events}; ${JSON.stringify(counts)}`,
      );
    } finally {
      await startBroker();
      await relay.stop();
    }
  });

  it('lets one relay publish while another stands by, and hands over when it stops', async () => {
    const config = testConfig(db.url);
    const first = startRelay(config);
    await waitFor(() => first.relayState().role === 'LEADER', 'the first relay to lead');
    const second = startRelay(config);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(second.relayState().role, 'STANDBY');

      await first.stop();
      await waitFor(() => second.relayState().role === 'LEADER', 'the standby to take over');
      const [event] = await appendToStream(db.pool, uniqueName('sprint'), 0, [hoursLogged(1, 1)]);
      const messages = await readTopic(config.kafka.topic, (got) =>
        got.some((message) => message.value.eventId === event?.eventId),
      );
      assert.ok(messages.some((message) => message.value.eventId === event?.eventId));
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
