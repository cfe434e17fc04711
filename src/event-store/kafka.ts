import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { AppConfig } from '../config.js';

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

/** Creates the topic if it is missing; partitions and replication come from config and broker. */
export async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin({ retry: { retries: 2 } });
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions }],
      });
    }
  } finally {
    await admin.disconnect();
  }
}
