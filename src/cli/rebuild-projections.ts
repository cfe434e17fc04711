import { Pool } from 'pg';
import { ConfigError, loadConfig } from '../config/config.js';
import { rebuildReadModels } from '../read-models/rebuild.js';

/** `npm run projections:rebuild`: every read model again from the event log; safe while serving. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  const started = Date.now();
  try {
    const events = await rebuildReadModels(pool, (progress) => {
      console.log(
        `rebuild: ${progress.done}/${progress.total} ${progress.sprintId} (${progress.events} events)`,
      );
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `rebuild: ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / Math.max(seconds, 0.001))} events/s)`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  const reason = error instanceof ConfigError || error instanceof Error ? error.message : error;
  console.error(`rebuild: ${String(reason)}`);
  process.exit(1);
});
