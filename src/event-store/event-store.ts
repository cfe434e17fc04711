import { randomUUID } from 'node:crypto';
import { VersionConflictError } from '../common/errors.js';
import type { Queryable } from '../database/database.module.js';

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };
export type JsonObject = { readonly [key: string]: JsonValue | undefined };

export interface EventMetadata {
  readonly actor?: string;
  readonly actorKind?: 'HUMAN' | 'AGENT' | 'SYSTEM';
  readonly correlationId?: string | null;
  readonly causationId?: string | null;
  readonly idempotencyKey?: string | null;
  readonly [key: string]: JsonValue | undefined;
}

export interface NewEvent {
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: JsonObject;
  readonly metadata?: EventMetadata;
}

export interface RecordedEvent {
  readonly position: number;
  readonly transactionId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/** Where a reader of the whole log stands: the last (transaction id, position) it has seen. */
export interface LogPosition {
  readonly transactionId: string;
  readonly position: number;
}

export const logStart: LogPosition = { transactionId: '0', position: 0 };

/**
 * How a payload stored at an older schema version reads at its type's current one. The store
 * knows no event types: the caller that does hands this in, and the store applies it to every
 * event it reads, so readers see one version whatever was stored.
 */
export type Upcast = (
  type: string,
  schemaVersion: number,
  data: JsonObject,
) => { readonly schemaVersion: number; readonly data: JsonObject };

export interface ReadOptions {
  /** Without it, events read as they were stored. */
  readonly upcast?: Upcast;
}

/** The Nest token under which the app provides the ReadOptions its log readers use. */
export const logReadOptions = Symbol('logReadOptions');

const asStored: Upcast = (_type, schemaVersion, data) => ({ schemaVersion, data });

interface EventRow {
  position: string;
  transaction_id_text: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: EventMetadata;
  recorded_at: Date;
}

/**
 * The transaction id is read as text under another name: an alias `transaction_id` would be
 * what `ORDER BY transaction_id` binds to, sorting ids as strings ('1000000' < '999998').
 */
const eventColumns = `position, transaction_id::text AS transaction_id_text, stream_id,
  stream_version, event_id, type, schema_version, data, metadata, recorded_at`;

/** A stored row as readers see it: at its type's current payload version, whatever was stored. */
function toRecordedEvent(row: EventRow, upcast: Upcast): RecordedEvent {
  // Named, not spread: a spread of the upcast result made this a third of a long read's time.
  const { schemaVersion, data } = upcast(row.type, row.schema_version, row.data);
  return {
    schemaVersion,
    data,
    position: Number(row.position),
    transactionId: row.transaction_id_text,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

const uniqueViolation = '23505';

/**
 * Appends events to a stream that must be at `expectedVersion` (0 for a new stream).
 *
 * One statement: the version check and the insert cannot be separated by another writer. Two
 * writers at the same expected version both pass the check, and the unique (stream, version)
 * index makes the second wait for the first and then fail; either way the loser writes nothing.
 * Called inside a transaction, it must be that transaction's first write, so the transaction id
 * the events carry is taken when they are written.
 */
export async function appendToStream(
  db: Queryable,
  streamId: string,
  expectedVersion: number,
  events: readonly NewEvent[],
): Promise<RecordedEvent[]> {
  if (events.length === 0) return [];
  let rows: EventRow[];
  try {
    const result = await db.query<EventRow>(
      `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
       SELECT $1, $2::int + e.n, e.event_id, e.type, e.schema_version, e.data, e.metadata
       FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
            WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, n)
       WHERE (SELECT events_append_guard())
         AND (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1) = $2
       RETURNING ${eventColumns}`,
      [
        streamId,
        expectedVersion,
        events.map(() => randomUUID()),
        events.map((event) => event.type),
        events.map((event) => event.schemaVersion ?? 1),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => JSON.stringify(event.metadata ?? {})),
      ],
    );
    rows = result.rows;
  } catch (error) {
    if (isUniqueViolation(error, 'events_stream_version_unique')) {
      throw new VersionConflictError(streamId, expectedVersion, undefined);
    }
    throw error;
  }
  if (rows.length === 0) {
    throw new VersionConflictError(streamId, expectedVersion, await streamVersion(db, streamId));
  }
  return rows
    .map((row) => toRecordedEvent(row, asStored))
    .sort((a, b) => a.streamVersion - b.streamVersion);
}

export async function streamVersion(db: Queryable, streamId: string): Promise<number> {
  const result = await db.query<{ version: number }>(
    `SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1`,
    [streamId],
  );
  return result.rows[0]?.version ?? 0;
}

export async function readStream(
  db: Queryable,
  streamId: string,
  afterVersion = 0,
  options: ReadOptions = {},
): Promise<RecordedEvent[]> {
  const result = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events
     WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
    [streamId, afterVersion],
  );
  return result.rows.map((row) => toRecordedEvent(row, options.upcast ?? asStored));
}

/**
 * The stream's next `size` versions after `afterVersion` (fewer at its end), so that a long
 * stream can be read page by page. A stream's versions have no gaps, so a page is a range of
 * them: a bounded read whatever plan the statistics suggest (with LIMIT, stale statistics made
 * Postgres sort the whole rest of the stream for every page).
 */
export async function readStreamPage(
  db: Queryable,
  streamId: string,
  afterVersion: number,
  size: number,
  options: ReadOptions = {},
): Promise<RecordedEvent[]> {
  const result = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events
     WHERE stream_id = $1 AND stream_version > $2 AND stream_version <= $2 + $3
     ORDER BY stream_version`,
    [streamId, afterVersion, size],
  );
  return result.rows.map((row) => toRecordedEvent(row, options.upcast ?? asStored));
}

export async function readEvents(
  db: Queryable,
  eventIds: readonly string[],
  options: ReadOptions = {},
): Promise<RecordedEvent[]> {
  const result = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position`,
    [eventIds],
  );
  return result.rows.map((row) => toRecordedEvent(row, options.upcast ?? asStored));
}

/** A stream's events after a global position, in order: for subscribers that resume. */
export async function readStreamAfterPosition(
  db: Queryable,
  streamId: string,
  afterPosition: number,
  limit: number,
  options: ReadOptions = {},
): Promise<RecordedEvent[]> {
  const result = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events
     WHERE stream_id = $1 AND position > $2 ORDER BY position LIMIT $3`,
    [streamId, afterPosition, limit],
  );
  return result.rows.map((row) => toRecordedEvent(row, options.upcast ?? asStored));
}

/**
 * The next events of the whole log after `position`, in commit-safe order.
 *
 * Only events of transactions older than the oldest one still running are read, and the bound
 * is taken in the same statement as the read: an event whose transaction is still open (even
 * one holding a lower position than events already committed) will be read once it commits,
 * never skipped.
 */
export async function readAllAfter(
  db: Queryable,
  position: LogPosition,
  limit: number,
  options: ReadOptions = {},
): Promise<RecordedEvent[]> {
  const result = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events
     WHERE (events.transaction_id, events.position) > ($1::xid8, $2::bigint)
       AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY events.transaction_id, events.position
     LIMIT $3`,
    [position.transactionId, position.position, limit],
  );
  return result.rows.map((row) => toRecordedEvent(row, options.upcast ?? asStored));
}

export function positionOf(event: RecordedEvent): LogPosition {
  return { transactionId: event.transactionId, position: event.position };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === uniqueViolation &&
    'constraint' in error &&
    error.constraint === constraint
  );
}
