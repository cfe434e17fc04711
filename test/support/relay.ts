import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig } from '../../src/config/config.js';
import { AppError } from '../../src/common/errors.js';
import {
  appendToStream,
  streamVersion,
  type NewEvent,
  type RecordedEvent,
} from '../../src/event-store/event-store.js';
import { createKafka } from '../../src/event-store/kafka.js';
import { KafkaRelay } from '../../src/event-store/kafka-relay.js';
import { sprintLog } from '../../src/sprints/sprint-events.js';

Logger.overrideLogger(['error']);

export function startRelay(config: AppConfig): KafkaRelay {
  const relay = new KafkaRelay(config, createKafka(config), undefined, sprintLog);
  relay.start();
  return relay;
}

/** Appends at whatever version the stream is at, retrying when another writer got there first. */
export async function appendWithRetry(
  pool: Pool,
  streamId: string,
  events: readonly NewEvent[],
): Promise<RecordedEvent[]> {
  for (;;) {
    try {
      return await appendToStream(pool, streamId, await streamVersion(pool, streamId), events);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
    }
  }
}

export async function allEventIds(pool: Pool): Promise<string[]> {
  const result = await pool.query<{ event_id: string }>(
    'SELECT event_id FROM events ORDER BY transaction_id, position',
  );
  return result.rows.map((row) => row.event_id);
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 60000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
