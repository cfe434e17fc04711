import { performance } from 'node:perf_hooks';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import {
  appendToStream,
  logStart,
  readAllAfter,
  type NewEvent,
} from '../../src/event-store/event-store.js';
import { toKafkaMessage } from '../../src/event-store/kafka-message.js';
import { relayPositionName, subscriptionLag } from '../../src/event-store/positions.js';
import { startService, stop, type ServiceOptions } from '../support/processes.js';
import { record } from '../support/report.js';

/** Creates a topic and waits for its leader, so the first send finds it. */
export async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, configEntries: [{ name: 'max.message.bytes', value: String(8 * 1024 * 1024) }] },
    ],
  });
  await admin.disconnect();
}

/**
 * A backlog published by a fresh relay (a service on a new topic) against the same messages,
 * value and headers alike, sent by a bare kafkajs producer in batches of 500.
 */
export async function relayBacklog(
  root: string,
  pool: Pool,
  kafka: Kafka,
  service: ServiceOptions,
  backlog: number,
): Promise<number> {
  const events: NewEvent[] = Array.from({ length: 1000 }, (_, index) => ({
    type: 'HoursLogged',
    data: { taskId: '1.1', agent: 'python-pro', hours: 0.01, totalHours: 1, index },
    metadata: { actor: 'bench', actorKind: 'SYSTEM' },
  }));
  for (let version = 0; version < backlog; version += 1000)
    await appendToStream(pool, 'bench-backlog', version, events);
  const topic = `${service.topic}-backlog`;
  const relay = await startService(root, { ...service, topic });
  const started = performance.now();
  const position = relayPositionName(topic);
  while ((await subscriptionLag(pool, position)).events > 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  await stop(relay);
  const all = await readAllAfter(pool, logStart, 10_000_000);
  const relayRate = all.length / seconds;

  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: `${topic}-raw`,
        configEntries: [{ name: 'max.message.bytes', value: String(8 * 1024 * 1024) }],
      },
    ],
  });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const messages = all.map(toKafkaMessage);
  const rawStarted = performance.now();
  for (let sent = 0; sent < messages.length; sent += 500) {
    await producer.send({
      topic: `${topic}-raw`,
      acks: -1,
      messages: messages.slice(sent, sent + 500),
    });
  }
  const rawRate = messages.length / ((performance.now() - rawStarted) / 1000);
  await producer.disconnect();
  record({
    scenario: `relay publishing a backlog of ${all.length} events`,
    measure: 'events/s',
    value: relayRate,
    unit: 'ev/s',
    baseline: rawRate,
    baselineName: 'raw kafkajs, same messages, x500',
    goal: '>= 0.8',
  });
  return relayRate;
}
