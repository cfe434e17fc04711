import type { Pool } from 'pg';
import { inTransaction } from '../database/database.module.js';
import { readStreamPage } from '../event-store/event-store.js';
import { fold } from '../sprints/sprint.js';
import { saveSnapshot, sprintLockStatement } from '../sprints/ledger/snapshots.js';
import { sprintLog, toSprintEvent } from '../sprints/sprint-events.js';
import type { SprintState } from '../sprints/model/state.js';
import { eventTime } from './history-rows.js';
import { clearSprint, rebuiltRows } from './sprint-projection.js';

export interface RebuildProgress {
  readonly sprintId: string;
  readonly done: number;
  readonly total: number;
  readonly events: number;
}

export interface RebuildOptions {
  /** Events read, folded and written per page (10,000): a long log is never held whole. */
  readonly pageSize?: number;
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
  options: RebuildOptions = {},
): Promise<number> {
  const sprints = await pool.query<{ stream_id: string }>(
    `SELECT stream_id FROM events WHERE type = 'SprintPlanned' ORDER BY position`,
  );
  let events = 0;
  for (const [index, { stream_id: sprintId }] of sprints.rows.entries()) {
    const rebuilt = await rebuildSprint(pool, sprintId, options);
    events += rebuilt;
    onProgress({ sprintId, done: index + 1, total: sprints.rows.length, events: rebuilt });
  }
  return events;
}

/** Rebuilds one sprint's snapshot and read models from its events: how many it read. */
export async function rebuildSprint(
  pool: Pool,
  sprintId: string,
  { pageSize = 10_000 }: RebuildOptions = {},
): Promise<number> {
  return inTransaction(
    pool,
    async (client) => {
      await clearSprint(client, sprintId);
      let state: SprintState | null = null;
      let version = 0;
      let count = 0;
      let updatedAt: string | null = null;
      for (;;) {
        const page = await readStreamPage(client, sprintId, version, pageSize, sprintLog);
        const last = page.at(-1);
        if (!last) break;
        state = fold(state, page.map(toSprintEvent));
        await rebuiltRows.history(client, page);
        version = last.streamVersion;
        updatedAt = eventTime(last);
        count += page.length;
      }
      if (state) {
        await saveSnapshot(client, sprintId, version, state);
        await rebuiltRows.state(client, state, version, updatedAt);
      }
      return count;
    },
    sprintLockStatement(sprintId),
  );
}
