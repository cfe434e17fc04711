import { Pool } from 'pg';
import { ensureDatabase, migrate } from '../../src/database/migrate.js';
import { postgresServerUrl, testDatabaseTemplate } from './environment.js';

/**
 * Run once per test run by scripts/test.sh: a freshly migrated template database that each test
 * file clones, and no databases left over from an earlier run that was killed.
 */
async function main(): Promise<void> {
  const admin = new Pool({ connectionString: `${postgresServerUrl}/postgres`, max: 1 });
  try {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'sl\\_test\\_%' OR datname = $1`,
      [testDatabaseTemplate],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`DROP DATABASE ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  const url = `${postgresServerUrl}/${testDatabaseTemplate}`;
  await ensureDatabase(url);
  await migrate(url);
}

await main();
