import type { Queryable } from '../database/database.module.js';
import { logStart, type LogPosition } from './event-store.js';

/** The log position the Kafka relay keeps for a topic. */
export function relayPositionName(topic: string): string {
  return `kafka-relay:${topic}`;
}

export async function loadPosition(db: Queryable, name: string): Promise<LogPosition> {
  const result = await db.query<{ transaction_id: string; position: string }>(
    `SELECT transaction_id::text AS transaction_id, position
     FROM subscription_positions WHERE name = $1`,
    [name],
  );
  const row = result.rows[0];
  return row ? { transactionId: row.transaction_id, position: Number(row.position) } : logStart;
}

export async function savePosition(
  db: Queryable,
  name: string,
  position: LogPosition,
): Promise<void> {
  await db.query(
    `INSERT INTO subscription_positions (name, transaction_id, position, updated_at)
     VALUES ($1, $2::xid8, $3, now())
     ON CONFLICT (name) DO UPDATE
       SET transaction_id = excluded.transaction_id, position = excluded.position,
           updated_at = excluded.updated_at`,
    [name, position.transactionId, position.position],
  );
}

export interface SubscriptionLag {
  /** Committed events the subscriber has not yet handled. */
  readonly events: number;
  /** Age of the oldest of them; 0 when nothing waits. */
  readonly seconds: number;
}

export async function subscriptionLag(db: Queryable, name: string): Promise<SubscriptionLag> {
  const result = await db.query<{ events: string; seconds: number | null }>(
    `SELECT count(*) AS events,
            extract(epoch FROM clock_timestamp() - min(e.recorded_at))::float8 AS seconds
     FROM events e
     LEFT JOIN subscription_positions c ON c.name = $1
     WHERE (e.transaction_id, e.position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.position, 0))`,
    [name],
  );
  const row = result.rows[0];
  return { events: Number(row?.events ?? 0), seconds: Math.max(0, row?.seconds ?? 0) };
}
