import { Client } from 'pg';
import { ensureDatabase, migrate } from '../src/database/migrate.js';

export const benchServerUrl =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const benchDatabaseUrl = `${benchServerUrl}/sprint_ledger_bench`;

/** A new, migrated database (sprint_ledger_bench by default): every run starts from nothing. */
export async function recreateBenchDatabase(name = 'sprint_ledger_bench'): Promise<string> {
  const url = `${benchServerUrl}/${name}`;
  const admin = new Client({ connectionString: `${benchServerUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(url);
  await migrate(url);
  return url;
}
