import { createHash } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { authorize } from '../access/authorize.js';
import type { Principal } from '../access/principal.js';
import { Clock } from '../common/clock.js';
import { AppError, VersionConflictError } from '../common/errors.js';
import { inTransaction } from '../database/database.module.js';
import { AppConfig, defaultMaxMessageBytes } from '../config.js';
import { maxEventBytes } from '../event-store/kafka-message.js';
import { Metrics } from '../observability/metrics.js';
import {
  appendToStream,
  readEvents,
  readStream,
  type EventMetadata,
  type NewEvent,
} from '../event-store/event-store.js';
import { projectSprint } from '../read-models/sprint-projection.js';
import { decide, fold, type SprintCommand } from './sprint.js';
import {
  assertWithinContract,
  currentSchemaVersion,
  sprintLog,
  toSprintEvent,
  type SprintEvent,
} from './sprint-events.js';
import { type SprintState } from './model/state.js';

export interface CommandOptions {
  /** Who sends the command: checked against the sprint's access rules, named in every event. */
  readonly principal: Principal;
  readonly idempotencyKey?: string | null;
  /** The version the client saw; without it a conflict is retried on fresh state. */
  readonly expectedVersion?: number | null;
  readonly correlationId?: string | null;
}

export interface EventRef {
  readonly eventId: string;
  readonly type: string;
  readonly streamVersion: number;
  readonly position: number;
}

export interface CommandResult {
  readonly state: SprintState;
  readonly version: number;
  readonly events: readonly EventRef[];
  /** The recorded events themselves, for finding what the command created. */
  readonly changes: readonly SprintEvent[];
  /** True when an idempotency key matched an earlier call, and nothing new was recorded. */
  readonly replayed: boolean;
}

/** The advisory lock that makes a sprint's writers (and its rebuild) take turns. */
export function sprintLockKey(sprintId: string): string {
  return `sprint:${sprintId}`;
}

/** Bump when SprintState changes shape: older snapshots are then rebuilt from the log. */
export const snapshotFormat = 2;
const conflictRetries = 5;

/**
 * Runs a command against a sprint: load its state, decide, append at the version it was loaded
 * at, and keep the new state as the snapshot, all in one transaction.
 */
@Injectable()
export class SprintCommands {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    @Optional() private readonly metrics?: Metrics,
    @Optional() config?: AppConfig,
  ) {
    this.maxEventBytes = maxEventBytes(config?.kafka.maxMessageBytes ?? defaultMaxMessageBytes);
  }

  /** The largest event, payload and metadata as JSON, that the topic can carry. */
  private readonly maxEventBytes: number;

  async execute(
    sprintId: string,
    command: SprintCommand,
    options: CommandOptions,
  ): Promise<CommandResult> {
    const timer = this.metrics?.mutationDuration.startTimer({ command: command.kind });
    try {
      const result = await this.executeWithRetries(sprintId, command, options);
      timer?.({ outcome: result.replayed ? 'replayed' : 'recorded' });
      for (const event of result.replayed ? [] : result.events) {
        this.metrics?.eventsAppended.inc({ type: event.type });
      }
      return result;
    } catch (error) {
      timer?.({ outcome: error instanceof AppError ? 'refused' : 'failed' });
      throw error;
    }
  }

  private async executeWithRetries(
    sprintId: string,
    command: SprintCommand,
    options: CommandOptions,
  ): Promise<CommandResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inTransaction(this.pool, (client) =>
          this.attempt(client, sprintId, command, options),
        );
      } catch (error) {
        const retry =
          error instanceof VersionConflictError &&
          options.expectedVersion == null &&
          attempt < conflictRetries;
        if (!retry) throw error;
      }
    }
  }

  private async attempt(
    client: PoolClient,
    sprintId: string,
    command: SprintCommand,
    options: CommandOptions,
  ): Promise<CommandResult> {
    const key = options.idempotencyKey ?? null;
    // Writers of one sprint take turns instead of racing to a version conflict. An advisory
    // lock writes nothing, so the append below stays its transaction's first write. The key is
    // looked up after the lock: concurrent retries of one new key wait for the first, then
    // replay it.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sprintLockKey(sprintId)]);
    const claim = key === null ? null : { key, inputHash: hashOf(command) };
    if (claim) {
      const replay = await this.replay(client, sprintId, claim, command, options);
      if (replay) return replay;
    }
    const { state, version } = await loadSprint(client, sprintId);
    authorize(options.principal, sprintId, command, state);
    if (options.expectedVersion != null && options.expectedVersion !== version) {
      throw new VersionConflictError(sprintId, options.expectedVersion, version);
    }
    const events = decide(command, state, { now: this.clock.now().toISOString() });
    const metadata: EventMetadata = {
      actor: options.principal.name,
      actorKind: options.principal.kind,
      principalId: options.principal.id,
      role: options.principal.role,
      command: command.kind,
      correlationId: options.correlationId ?? null,
      causationId: null,
      idempotencyKey: key,
    };
    events.forEach(assertWithinContract);
    const newEvents = events.map((event) => ({
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      data: event.data,
      metadata,
    }));
    newEvents.forEach((event) => {
      this.assertFitsTopic(event, command);
    });
    const recorded = await appendToStream(client, sprintId, version, newEvents);
    const next = fold(state, events);
    const nextVersion = version + events.length;
    await saveSnapshot(client, sprintId, nextVersion, next);
    await projectSprint(client, next, nextVersion, events, recorded);
    const refs = recorded.map(({ eventId, type, streamVersion, position }) => ({
      eventId,
      type,
      streamVersion,
      position,
    }));
    if (claim) {
      await client.query(
        `INSERT INTO idempotency_keys
           (stream_id, key, command, principal_id, input_hash, version, events)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          sprintId,
          claim.key,
          command.kind,
          options.principal.id,
          claim.inputHash,
          nextVersion,
          JSON.stringify(refs),
        ],
      );
    }
    return { state: next, version: nextVersion, events: refs, changes: events, replayed: false };
  }

  /** Refuses, before anything is written, an event that no message on the topic could carry. */
  private assertFitsTopic(event: NewEvent, command: SprintCommand): void {
    const bytes =
      Buffer.byteLength(JSON.stringify(event.data)) +
      Buffer.byteLength(JSON.stringify(event.metadata ?? {}));
    if (bytes > this.maxEventBytes) {
      throw new AppError(
        'VALIDATION_FAILED',
        `the ${event.type} event would be ${bytes} bytes; the event topic carries events of at most ${this.maxEventBytes} bytes`,
        command.kind === 'PlanSprint' ? 'plan' : 'input',
        { limit: this.maxEventBytes, actual: bytes },
      );
    }
  }

  /**
   * The first result of a call with this key, if there was one: only for the principal that made
   * it, with the same input, and authorized as the first call was. Anyone else, or another input,
   * is told the key is taken.
   */
  private async replay(
    client: PoolClient,
    sprintId: string,
    { key, inputHash }: { key: string; inputHash: string },
    command: SprintCommand,
    options: CommandOptions,
  ): Promise<CommandResult | null> {
    const earlier = await client.query<{
      command: string;
      principal_id: string | null;
      input_hash: string | null;
      version: number;
      events: EventRef[];
    }>(
      `SELECT command, principal_id, input_hash, version, events
       FROM idempotency_keys WHERE stream_id = $1 AND key = $2`,
      [sprintId, key],
    );
    const row = earlier.rows[0];
    if (!row) return null;
    const reused = (why: string): never => {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        `idempotency key ${key} was used ${why}; use a new key for a new call`,
        'idempotencyKey',
      );
    };
    if (row.command !== command.kind) reused(`for ${row.command}, not ${command.kind}`);
    if (row.principal_id !== options.principal.id) reused('by another principal');
    if (row.input_hash !== inputHash) reused('with another input');
    const { state } = await loadSprint(client, sprintId);
    if (!state) throw new AppError('NOT_FOUND', `no sprint ${sprintId}`, 'sprintId');
    authorize(options.principal, sprintId, command, state);
    const changes = await readEvents(
      client,
      row.events.map((event) => event.eventId),
      sprintLog,
    );
    return {
      state,
      version: row.version,
      events: row.events,
      changes: changes.map(toSprintEvent),
      replayed: true,
    };
  }
}

/** A command's input, for telling a retry from another call under the same key. */
function hashOf(command: SprintCommand): string {
  return createHash('sha256').update(JSON.stringify(command)).digest('hex');
}

/**
 * The sprint's state from its snapshot plus whatever the snapshot has not seen yet (normally
 * nothing). A snapshot of an older format is ignored and the state rebuilt from the log.
 */
export async function loadSprint(
  client: Pick<PoolClient, 'query'>,
  sprintId: string,
): Promise<{ state: SprintState | null; version: number }> {
  const snapshot = await client.query<{ version: number; format: number; state: SprintState }>(
    'SELECT version, format, state FROM sprint_snapshots WHERE sprint_id = $1',
    [sprintId],
  );
  const row = snapshot.rows[0];
  const usable = row?.format === snapshotFormat ? row : undefined;
  const newer = await readStream(client, sprintId, usable?.version ?? 0, sprintLog);
  const state = newer.length
    ? fold(usable?.state ?? null, newer.map(toSprintEvent))
    : (usable?.state ?? null);
  return { state, version: newer.at(-1)?.streamVersion ?? usable?.version ?? 0 };
}

export async function saveSnapshot(
  client: PoolClient,
  sprintId: string,
  version: number,
  state: SprintState,
): Promise<void> {
  await client.query(
    `INSERT INTO sprint_snapshots (sprint_id, version, format, state, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (sprint_id) DO UPDATE
       SET version = excluded.version, format = excluded.format, state = excluded.state,
           updated_at = excluded.updated_at`,
    [sprintId, version, snapshotFormat, JSON.stringify(state)],
  );
}
