import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { AppError } from '../../common/errors.js';
import type { LedgerCommand } from './sprint-domain.js';

export interface EventRef {
  readonly eventId: string;
  readonly type: string;
  readonly streamVersion: number;
  readonly position: number;
}

/** A key a command claims: bound to who sent it and to its input. */
export interface KeyClaim {
  readonly key: string;
  readonly inputHash: string;
}

export function claimOf(key: string | null, command: LedgerCommand): KeyClaim | null {
  return key === null
    ? null
    : { key, inputHash: createHash('sha256').update(JSON.stringify(command)).digest('hex') };
}

/**
 * The first call made under this key, if there was one: only for the principal that made it,
 * with the same input. Anyone else, or another input, is told the key is taken.
 */
export async function earlierCall(
  client: Pick<PoolClient, 'query'>,
  sprintId: string,
  claim: KeyClaim,
  command: LedgerCommand,
  principalId: string,
): Promise<{ version: number; events: EventRef[] } | null> {
  const earlier = await client.query<{
    command: string;
    principal_id: string | null;
    input_hash: string | null;
    version: number;
    events: EventRef[];
  }>(
    `SELECT command, principal_id, input_hash, version, events
     FROM idempotency_keys WHERE stream_id = $1 AND key = $2`,
    [sprintId, claim.key],
  );
  const row = earlier.rows[0];
  if (!row) return null;
  const reused = (why: string): never => {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      `idempotency key ${claim.key} was used ${why}; use a new key for a new call`,
      'idempotencyKey',
    );
  };
  if (row.command !== command.kind) reused(`for ${row.command}, not ${command.kind}`);
  if (row.principal_id !== principalId) reused('by another principal');
  if (row.input_hash !== claim.inputHash) reused('with another input');
  return { version: row.version, events: row.events };
}

export async function recordCall(
  client: Pick<PoolClient, 'query'>,
  sprintId: string,
  claim: KeyClaim,
  call: { command: string; principalId: string; version: number; events: readonly EventRef[] },
): Promise<void> {
  await client.query(
    `INSERT INTO idempotency_keys
       (stream_id, key, command, principal_id, input_hash, version, events)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      sprintId,
      claim.key,
      call.command,
      call.principalId,
      claim.inputHash,
      call.version,
      JSON.stringify(call.events),
    ],
  );
}
