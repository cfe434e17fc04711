import { Client } from 'pg';
import { ensureDatabase, migrate } from '../src/database/migrate.js';

export const benchServerUrl =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const benchDatabaseUrl = `${benchServerUrl}/sprint_ledger_bench`;

/** A new, migrated sprint_ledger_bench database: every bench starts from nothing. */
export async function recreateBenchDatabase(): Promise<void> {
  const admin = new Client({ connectionString: `${benchServerUrl}/postgres` });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS sprint_ledger_bench WITH (FORCE)');
  await admin.end();
  await ensureDatabase(benchDatabaseUrl);
  await migrate(benchDatabaseUrl);
}
