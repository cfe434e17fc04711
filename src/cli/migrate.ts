import { ConfigError, loadConfig } from '../config/config.js';
import { ensureDatabase, migrate } from '../database/migrate.js';

/** `npm run migrate`: creates the configured database if needed and applies every migration. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = new URL(config.databaseUrl).pathname.slice(1);
  if (await ensureDatabase(config.databaseUrl))
    console.log(`migrate: created database ${database}`);
  const applied = await migrate(config.databaseUrl);
  console.log(
    applied.length ? `migrate: applied ${applied.join(', ')}` : 'migrate: schema is up to date',
  );
}

main().catch((error: unknown) => {
  const reason = error instanceof ConfigError || error instanceof Error ? error.message : error;
  console.error(`migrate: ${String(reason)}`);
  process.exit(1);
});
