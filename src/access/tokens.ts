import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Principal, Role } from './principal.js';

type Queryable = Pick<Pool, 'query'>;

/**
 * Tokens are 32 random bytes, so a fast hash is enough: nothing can be guessed from it, and the
 * plain token exists only in the answer that issued it.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return `slt_${randomBytes(32).toString('base64url')}`;
}

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  kind: 'HUMAN' | 'AGENT';
  agent: string | null;
  sprints: string[];
  created_at: Date;
  revoked_at: Date | null;
}

export interface TokenRecord extends Principal {
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    kind: row.kind,
    agent: row.agent,
    sprints: row.sprints,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

const columns = 'id, name, role, kind, agent, sprints, created_at, revoked_at';

/** The principal behind a token, or null for a token that is unknown or revoked. */
export async function principalOf(db: Queryable, token: string): Promise<Principal | null> {
  return principalOfHash(db, hashToken(token));
}

export async function principalOfHash(db: Queryable, hash: string): Promise<Principal | null> {
  const result = await db.query<TokenRow>(
    `SELECT ${columns} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hash],
  );
  const row = result.rows[0];
  return row ? toRecord(row) : null;
}

export interface NewPrincipal {
  readonly name: string;
  readonly role: Role;
  readonly kind: 'HUMAN' | 'AGENT';
  readonly agent: string | null;
  readonly sprints: readonly string[];
}

export async function issueToken(
  db: Queryable,
  principal: NewPrincipal,
  createdBy: string,
  token = newToken(),
): Promise<{ token: string; record: TokenRecord }> {
  const result = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, token_hash, name, role, kind, agent, sprints, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING ${columns}`,
    [
      randomUUID(),
      hashToken(token),
      principal.name,
      principal.role,
      principal.kind,
      principal.agent,
      JSON.stringify(principal.sprints),
      createdBy,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('token not stored');
  return { token, record: toRecord(row) };
}

export async function revokeToken(db: Queryable, id: string): Promise<TokenRecord | null> {
  const result = await db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
     RETURNING ${columns}`,
    [id],
  );
  const row = result.rows[0];
  return row ? toRecord(row) : null;
}

/**
 * Makes the token from configuration a coordinator's, once: a restart does not bring it back
 * after someone revoked it.
 */
export async function bootstrapCoordinator(db: Queryable, token: string): Promise<void> {
  await db.query(
    `INSERT INTO api_tokens (id, token_hash, name, role, kind, created_by)
     VALUES ($1, $2, 'bootstrap-coordinator', 'COORDINATOR', 'HUMAN', 'configuration')
     ON CONFLICT (token_hash) DO NOTHING`,
    [randomUUID(), hashToken(token)],
  );
}
