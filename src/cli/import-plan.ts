import { readFile } from 'node:fs/promises';
import { Pool } from 'pg';
import { systemPrincipal } from '../access/principal.js';
import { Clock } from '../common/clock.js';
import { AppError } from '../common/errors.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { createSprintLedger } from '../sprint-ledger.factory.js';
import { parseSprintPlan } from '../sprints/plan/plan-document.js';

/**
 * `npm run import-plan -- [--if-empty] FILE`: plans a sprint from a YAML or JSON plan, or, when
 * a sprint with the plan's key exists, records the scope changes that turn its plan into this
 * one (as `applyPlanChanges` does). With --if-empty it does something only on a database that
 * holds no sprint yet (the demo sprint).
 */
async function main(args: string[]): Promise<void> {
  const ifEmpty = args.includes('--if-empty');
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) throw new Error('usage: import-plan [--if-empty] FILE');
  const config = loadConfig(process.env);
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  try {
    if (ifEmpty) {
      const existing = await pool.query('SELECT 1 FROM sprint_snapshots LIMIT 1');
      if (existing.rowCount) {
        console.log('import-plan: the database already holds a sprint; nothing imported');
        return;
      }
    }
    const plan = parseSprintPlan(await readFile(file, 'utf8'));
    const known = await pool.query('SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1', [plan.key]);
    const result = await createSprintLedger(pool, new Clock(), { config }).execute(
      plan.key,
      known.rowCount ? { kind: 'ApplyPlanChanges', plan } : { kind: 'PlanSprint', plan },
      { principal: systemPrincipal('import-plan') },
    );
    console.log(
      known.rowCount
        ? `import-plan: ${plan.key} exists; recorded ${result.events.length} events of scope change`
        : `import-plan: planned ${plan.key} (${result.events.length} event)`,
    );
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const reason =
    error instanceof AppError
      ? `${error.code}${error.field ? ` at ${error.field}` : ''}: ${error.message}`
      : error instanceof ConfigError || error instanceof Error
        ? error.message
        : String(error);
  console.error(`import-plan: ${reason}`);
  process.exit(1);
});
