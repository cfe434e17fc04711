import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { OpenBlockersView, type SprintLedgerEvent } from './open-blockers.js';

export interface ConsumerOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly clientId?: string;
  /** Called after each message, whatever became of it. */
  readonly onEvent?: (event: SprintLedgerEvent, view: OpenBlockersView) => void;
}

export interface RunningConsumer {
  readonly view: OpenBlockersView;
  /** Resolves once the view has applied a sprint up to `version`. */
  caughtUp(sprintId: string, version: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The CloudEvents headers name the event; the value holds its payload. */
export function toSprintLedgerEvent(message: KafkaMessage): SprintLedgerEvent {
  const header = (name: string) => message.headers?.[name]?.toString() ?? '';
  const value = JSON.parse(message.value?.toString() ?? '{}') as { data?: Record<string, unknown> };
  return {
    id: header('ce_id'),
    type: header('ce_type'),
    schemaVersion: Number(header('ce_schemaversion')),
    sprintId: header('ce_subject'),
    streamVersion: Number(header('ce_streamversion')),
    data: value.data ?? {},
  };
}

/**
 * Reads the topic from its beginning into an open-blockers view. The view lives in memory, so
 * each start reads everything again under a group of its own and commits nothing.
 */
export async function startOpenBlockersConsumer(
  options: ConsumerOptions,
): Promise<RunningConsumer> {
  const kafka = new Kafka({
    clientId: options.clientId ?? 'open-blockers-example',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({
    groupId: `open-blockers-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  const view = new OpenBlockersView();
  const waiting = new Set<() => void>();
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: ({ message }) => {
      const event = toSprintLedgerEvent(message);
      view.apply(event);
      options.onEvent?.(event, view);
      for (const check of waiting) check();
      return Promise.resolve();
    },
  });
  return {
    view,
    caughtUp(sprintId, version, timeoutMs = 30000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`${sprintId} at version ${view.version(sprintId)}, not ${version}`));
        }, timeoutMs);
        function check() {
          if (view.version(sprintId) < version) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        }
        waiting.add(check);
        check();
      });
    },
    stop: () => consumer.disconnect(),
  };
}
