import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import {
  kafkaBrokers,
  kafkaControllerPort,
  kafkaPort,
  repoRoot,
  uniqueName,
} from './environment.js';

const run = promisify(execFile);

export interface TopicMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: {
    readonly eventId: string;
    readonly streamId: string;
    readonly streamVersion: number;
    readonly position: number;
    readonly type: string;
  };
}

export const testKafka = new Kafka({
  clientId: 'sprint-ledger-tests',
  brokers: [kafkaBrokers],
  logLevel: logLevel.NOTHING,
});

/**
 * Reads a topic from the beginning with a real consumer until `done` holds for what arrived,
 * then returns it in arrival order per partition.
 */
export async function readTopic(
  topic: string,
  done: (messages: readonly TopicMessage[]) => boolean,
  timeoutMs = 60000,
): Promise<TopicMessage[]> {
  const consumer = testKafka.consumer({ groupId: uniqueName('test-reader'), maxWaitTimeInMs: 100 });
  const messages: TopicMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          headers[name] = String(value);
        }
        messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? '',
          headers,
          value: JSON.parse(message.value?.toString() ?? 'null') as TopicMessage['value'],
        });
        if (done(messages)) finish();
        return Promise.resolve();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          resolve(true);
        }, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      throw new Error(
        `reading ${topic} timed out after ${timeoutMs} ms: received ${messages.length} messages, the topic holds ${await topicSize(topic)}`,
      );
    }
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

export async function topicSize(topic: string): Promise<number> {
  const admin = testKafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce(
      (sum, partition) => sum + Number(partition.high) - Number(partition.low),
      0,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Event ids as first seen per stream, with how many copies arrived in all. */
export function deduplicate(messages: readonly TopicMessage[]): {
  firstSeen: TopicMessage[];
  duplicates: number;
} {
  const seen = new Set<string>();
  const firstSeen = messages.filter((message) => {
    if (seen.has(message.value.eventId)) return false;
    seen.add(message.value.eventId);
    return true;
  });
  return { firstSeen, duplicates: messages.length - firstSeen.length };
}

export function versionsByStream(messages: readonly TopicMessage[]): Map<string, number[]> {
  const versions = new Map<string, number[]>();
  for (const message of messages) {
    const list = versions.get(message.value.streamId) ?? [];
    list.push(message.value.streamVersion);
    versions.set(message.value.streamId, list);
  }
  return versions;
}

async function broker(command: 'start' | 'stop'): Promise<void> {
  await run('bash', ['scripts/kafka.sh', command], {
    cwd: repoRoot,
    env: { ...process.env, KAFKA_PORT: kafkaPort, KAFKA_CONTROLLER_PORT: kafkaControllerPort },
  });
}

export const stopBroker = () => broker('stop');
export const startBroker = () => broker('start');
