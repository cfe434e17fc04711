import type { Pool } from 'pg';
import { inTransaction } from '../database/database.module.js';
import { readStream } from '../event-store/event-store.js';
import { fold } from '../sprints/sprint.js';
import { saveSnapshot, sprintLockStatement } from '../sprints/ledger/snapshots.js';
import { sprintLog, toSprintEvent } from '../sprints/sprint-events.js';
import { replaceSprint } from './sprint-projection.js';

export interface RebuildProgress {
  readonly sprintId: string;
  readonly done: number;
  readonly total: number;
  readonly events: number;
}

/**
 * Rebuilds the snapshot and every read model of every sprint from the event log.
 *
 * Safe while the service runs: each sprint is rebuilt in one transaction that holds the same
 * lock as its writers, so a mutation waits for the rebuild of its sprint and then applies on
 * top of it, and readers see either the old rows or the new ones, never a half-written sprint.
 */
export async function rebuildReadModels(
  pool: Pool,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
): Promise<number> {
  const sprints = await pool.query<{ stream_id: string }>(
    `SELECT stream_id FROM events WHERE type = 'SprintPlanned' ORDER BY position`,
  );
  let events = 0;
  for (const [index, { stream_id: sprintId }] of sprints.rows.entries()) {
    const rebuilt = await rebuildSprint(pool, sprintId);
    events += rebuilt;
    onProgress({ sprintId, done: index + 1, total: sprints.rows.length, events: rebuilt });
  }
  return events;
}

/** Rebuilds one sprint's snapshot and read models from its events: how many it read. */
export async function rebuildSprint(pool: Pool, sprintId: string): Promise<number> {
  return inTransaction(
    pool,
    async (client) => {
      const recorded = await readStream(client, sprintId, 0, sprintLog);
      const state = fold(null, recorded.map(toSprintEvent));
      const version = recorded.at(-1)?.streamVersion ?? 0;
      await saveSnapshot(client, sprintId, version, state);
      await replaceSprint(client, state, version, recorded);
      return recorded.length;
    },
    sprintLockStatement(sprintId),
  );
}
