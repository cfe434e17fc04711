import { fileURLToPath } from 'node:url';
import { Client, escapeIdentifier } from 'pg';
import { DataSource } from 'typeorm';

const missingDatabase = '3D000';
const duplicateDatabase = '42P04';
const migrationsGlob = fileURLToPath(new URL('../../migrations/*.js', import.meta.url));

/**
 * Creates the database named in `databaseUrl` when it does not exist yet. Asks the server's
 * `postgres` database only then, so a user who may not connect there can still migrate.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = new Client({ connectionString: databaseUrl });
  try {
    await target.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== missingDatabase) throw error;
  } finally {
    await target.end().catch(() => undefined);
  }
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
    return true;
  } catch (error) {
    // Another process created it in the meantime.
    if ((error as { code?: string }).code === duplicateDatabase) return false;
    throw error;
  } finally {
    await admin.end();
  }
}

/**
 * Applies pending migrations. Several instances may start at once (docker compose scale, CI):
 * an advisory lock makes them take turns, and the later ones find nothing left to do.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: [migrationsGlob],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('sprint-ledger:migrate'))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('sprint-ledger:migrate'))`);
    await runner.release();
    await dataSource.destroy();
  }
}
