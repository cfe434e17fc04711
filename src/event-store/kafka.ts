import { Logger } from '@nestjs/common';
import kafkajs, { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { AppConfig } from '../config/config.js';

/** kafkajs logs through Nest's logger, and only what an operator should act on. */
function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, broker, error } = log as { message: string; broker?: string; error?: string };
    const line = [message, broker && `broker=${broker}`, error && `error=${error}`]
      .filter(Boolean)
      .join(' ');
    if (level === logLevel.ERROR) logger.error(line);
    else logger.warn(line);
  };
}

export function createKafka(config: AppConfig): Kafka {
  return new Kafka({
    clientId: config.kafka.clientId,
    brokers: [...config.kafka.brokers],
    connectionTimeout: 3000,
    requestTimeout: 10000,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
  });
}

/**
 * Creates the topic if it is missing, with the configured partitions and max.message.bytes
 * (replication comes from the broker), and answers the topic's own max.message.bytes: a topic
 * made earlier keeps what it was made with, and the relay cuts its batches to fit that.
 */
export async function ensureTopic(
  kafka: Kafka,
  topic: string,
  partitions: number,
  maxMessageBytes: number,
): Promise<number> {
  const admin = kafka.admin({ retry: { retries: 2 } });
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: partitions,
            configEntries: [{ name: 'max.message.bytes', value: String(maxMessageBytes) }],
          },
        ],
      });
    }
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: kafkajs.ConfigResourceTypes.TOPIC,
          name: topic,
          configNames: ['max.message.bytes'],
        },
      ],
    });
    const value = Number(described.resources[0]?.configEntries[0]?.configValue);
    return Number.isFinite(value) && value > 0 ? value : maxMessageBytes;
  } finally {
    await admin.disconnect();
  }
}
