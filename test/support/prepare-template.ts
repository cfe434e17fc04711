import { Pool } from 'pg';
import { ensureDatabase, migrate } from '../../src/database/migrate.js';
import { postgresServerUrl, testDatabaseTemplate } from './environment.js';

/**
 * Whether a database belongs to a run still going on beside this one: a template is named for
 * the script that made it (`sl_template_<time>_<pid>`), and nobody is connected to a template
 * between two clones, so its script's process is what tells.
 */
function ownerIsRunning(datname: string): boolean {
  const pid = /^sl_template_\d+_(\d+)$/.exec(datname)?.[1];
  if (pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run once per test run by scripts/test.sh: a freshly migrated template database that each test
 * file clones. Databases an earlier, killed run left behind are dropped, but only those nobody
 * is connected to and whose run has ended, so a run going on beside this one (a developer's and
 * CI's) is left alone.
 */
async function main(): Promise<void> {
  const admin = new Pool({ connectionString: `${postgresServerUrl}/postgres`, max: 1 });
  try {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
       WHERE (datname LIKE 'sl\\_test\\_%' OR datname LIKE 'sl\\_template\\_%' OR datname = $1)
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      [testDatabaseTemplate],
    );
    for (const { datname } of leftovers.rows) {
      if (datname !== testDatabaseTemplate && ownerIsRunning(datname)) continue;
      await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
  const url = `${postgresServerUrl}/${testDatabaseTemplate}`;
  await ensureDatabase(url);
  await migrate(url);
}

await main();
