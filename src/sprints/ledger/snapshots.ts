import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { readStream } from '../../event-store/event-store.js';
import type { SprintState } from '../model/state.js';
import type { SprintDomain } from './sprint-domain.js';
import type { LoadedSprint } from './state-cache.js';

/**
 * The advisory lock that makes a sprint's writers (and its rebuild) take turns, held to the
 * end of the transaction. Its key is a 64-bit hash of the sprint id taken here, so the
 * statement is digits only and can travel with BEGIN, in one round trip, whatever the id holds.
 */
export function sprintLockStatement(sprintId: string): string {
  const key = createHash('sha256').update(`sprint:${sprintId}`).digest().readBigInt64BE(0);
  return `SELECT pg_advisory_xact_lock(${key.toString()})`;
}

/** Bump when SprintState changes shape: older snapshots are then rebuilt from the log. */
export const snapshotFormat = 5;

/**
 * How far a stored snapshot may fall behind the stream, in events, at least. A command writes
 * the whole state only when its sprint's snapshot is this far behind (or missing), so a command
 * does not write the state every time; loading without the cache folds the events after it.
 */
export const snapshotEvery = 100;

/**
 * A bigger state is written less often: one event more between snapshots for every 2 KiB of
 * state, so what a snapshot costs, spread over the commands between two of them, stays the same
 * whether the sprint holds ten messages or ten thousand (and loading it folds about as many
 * bytes of events as the snapshot holds).
 */
export function snapshotInterval(snapshotBytes: number): number {
  return Math.max(snapshotEvery, Math.ceil(snapshotBytes / 2048));
}

/** Whether a command that brings the stream to `version` writes the snapshot. */
export function snapshotDue(
  { snapshotVersion, snapshotBytes }: Pick<LoadedSprint, 'snapshotVersion' | 'snapshotBytes'>,
  version: number,
): boolean {
  return snapshotVersion === 0 || version - snapshotVersion >= snapshotInterval(snapshotBytes);
}

/** Writes the snapshot when it is due: where the stored snapshot then stands. */
export async function keepSnapshot(
  client: Pick<PoolClient, 'query'>,
  sprintId: string,
  loaded: LoadedSprint,
  version: number,
  state: SprintState,
): Promise<Pick<LoadedSprint, 'snapshotVersion' | 'snapshotBytes'>> {
  if (!snapshotDue(loaded, version)) {
    return { snapshotVersion: loaded.snapshotVersion, snapshotBytes: loaded.snapshotBytes };
  }
  return {
    snapshotVersion: version,
    snapshotBytes: await saveSnapshot(client, sprintId, version, state),
  };
}

/**
 * The sprint's state from its snapshot plus whatever the snapshot has not seen yet (normally
 * nothing). A snapshot of an older format is ignored and the state rebuilt from the log.
 */
export async function loadSprint(
  client: Pick<PoolClient, 'query'>,
  sprintId: string,
  domain: Pick<SprintDomain, 'fold' | 'log'>,
  cached?: LoadedSprint,
): Promise<LoadedSprint> {
  if (cached) {
    const newer = await readStream(client, sprintId, cached.version, domain.log);
    if (newer.length === 0) return cached;
    return {
      state: domain.fold(cached.state, newer),
      version: newer.at(-1)?.streamVersion ?? cached.version,
      snapshotVersion: cached.snapshotVersion,
      snapshotBytes: cached.snapshotBytes,
    };
  }
  const snapshot = await client.query<{
    version: number;
    format: number;
    state: SprintState;
    bytes: number;
  }>(
    `SELECT version, format, state, octet_length(state::text) AS bytes
     FROM sprint_snapshots WHERE sprint_id = $1`,
    [sprintId],
  );
  const row = snapshot.rows[0];
  const usable = row?.format === snapshotFormat ? row : undefined;
  const newer = await readStream(client, sprintId, usable?.version ?? 0, domain.log);
  const state = newer.length ? domain.fold(usable?.state ?? null, newer) : (usable?.state ?? null);
  return {
    state,
    version: newer.at(-1)?.streamVersion ?? usable?.version ?? 0,
    snapshotVersion: usable?.version ?? 0,
    snapshotBytes: usable?.bytes ?? 0,
  };
}

export async function saveSnapshot(
  client: Pick<PoolClient, 'query'>,
  sprintId: string,
  version: number,
  state: SprintState,
): Promise<number> {
  const json = JSON.stringify(state);
  await client.query(
    `INSERT INTO sprint_snapshots (sprint_id, version, format, state, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (sprint_id) DO UPDATE
       SET version = excluded.version, format = excluded.format, state = excluded.state,
           updated_at = excluded.updated_at`,
    [sprintId, version, snapshotFormat, json],
  );
  return Buffer.byteLength(json);
}
