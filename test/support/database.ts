import { Pool } from 'pg';
import { postgresServerUrl, testDatabaseTemplate, uniqueName } from './environment.js';

export interface TestDatabase {
  readonly url: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database per test file, cloned from the template scripts/test.sh migrated
 * once: files never see each other's events, and no file pays for migrations.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('sl_test');
  const admin = new Pool({ connectionString: `${postgresServerUrl}/postgres`, max: 1 });
  // A fault test restarts PostgreSQL; an idle connection lost that way is no failure here.
  admin.on('error', () => undefined);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${testDatabaseTemplate}`);
  const url = `${postgresServerUrl}/${name}`;
  const pool = new Pool({ connectionString: url, max: 30 });
  pool.on('error', () => undefined);
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function countEvents(pool: Pool): Promise<number> {
  const result = await pool.query<{ count: string }>('SELECT count(*) FROM events');
  return Number(result.rows[0]?.count ?? 0);
}
