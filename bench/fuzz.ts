import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { runFuzz, seedDemoSprint } from '../test/fuzz/graphql-fuzzer.js';
import { startService } from '../test/support/service.js';
import { recreateBenchDatabase } from './bench-database.js';

/**
 * `npm run fuzz -- --runs 100000 [--seed 42]`: property-based fuzzing of the real service, in a
 * database of its own (sprint_ledger_fuzz), with the invariants of test/fuzz/graphql-fuzzer.ts.
 * Exits 1 on the first broken invariant, printing the case and the seed to play it again.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } },
  });
  const runs = Number(values.runs);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  const databaseUrl = await recreateBenchDatabase('sprint_ledger_fuzz');
  const token = `fuzz-${randomBytes(24).toString('hex')}`;
  const service = await startService({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    COORDINATOR_TOKEN: token,
    RELAY_ENABLED: 'false',
    // One token sends every case as fast as it can: the cases are about input, not its budget.
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'error',
  });
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const started = performance.now();
  try {
    await seedDemoSprint(service.url, token);
    const report = await runFuzz(
      { url: service.url, token, pool, pid: service.process.pid ?? null },
      runs,
      seed,
    );
    const seconds = Math.round((performance.now() - started) / 1000);
    console.log(JSON.stringify({ ...report, seconds }, null, 2));
    if (report.failure !== null || service.process.exitCode !== null) process.exitCode = 1;
  } finally {
    await pool.end();
    await service.stop('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
