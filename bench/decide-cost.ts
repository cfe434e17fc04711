import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { benchDatabaseUrl, recreateBenchDatabase } from './bench-database.js';
import { appendToStream, type NewEvent } from '../src/event-store/event-store.js';
import { createSprintLedger, type SprintCommandRunner } from '../src/sprint-ledger.factory.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';

/**
 * `npm run bench:decide`: the cost of one command on a sprint with a short history and on one
 * with a long history. With snapshots the two should be the same within noise.
 */
const databaseUrl = benchDatabaseUrl;
const histories = [100, Number(process.env.BENCH_LONG_HISTORY ?? 100_000)];
const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
const actor = { principal: systemPrincipal('bench') };

async function sprintWithHistory(commands: SprintCommandRunner, pool: Pool, events: number) {
  const text = await readFile(new URL('../../fixtures/sprint-4.yaml', import.meta.url), 'utf8');
  const plan = { ...parseSprintPlan(text), key: `bench-${events}` };
  await commands.execute(plan.key, { kind: 'PlanSprint', plan }, actor);
  const started = await commands.execute(
    plan.key,
    { kind: 'StartTask', taskId: '1.1', agent: 'python-pro' },
    actor,
  );
  let version = started.version;
  let total = 0;
  while (version < events) {
    const batch: NewEvent[] = Array.from({ length: Math.min(1000, events - version) }, () => {
      total = Math.round((total + 0.01) * 100) / 100;
      return {
        type: 'HoursLogged',
        data: {
          taskId: '1.1',
          agent: 'python-pro',
          hours: 0.01,
          totalHours: total,
          at: new Date().toISOString(),
        },
        metadata: { actor: 'bench', actorKind: 'SYSTEM' },
      };
    });
    await appendToStream(pool, plan.key, version, batch);
    version += batch.length;
  }
  // The first command after the bulk load folds it into the snapshot; it is not measured.
  await logHours(commands, plan.key);
  return plan.key;
}

function logHours(commands: SprintCommandRunner, sprintId: string) {
  return commands.execute(
    sprintId,
    { kind: 'LogHours', taskId: '1.1', agent: 'python-pro', hours: 0.01 },
    actor,
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function main(): Promise<void> {
  await recreateBenchDatabase();
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const commands = createSprintLedger(pool, new Clock());
  try {
    const sprints = [];
    for (const events of histories) {
      const started = performance.now();
      sprints.push({
        events,
        id: await sprintWithHistory(commands, pool, events),
        samples: [] as number[],
      });
      console.log(
        `prepared a sprint with ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    for (let round = 0; round < rounds + 20; round += 1) {
      for (const sprint of sprints) {
        const started = performance.now();
        await logHours(commands, sprint.id);
        if (round >= 20) sprint.samples.push(performance.now() - started);
      }
    }
    const rows = sprints.map((sprint) => {
      const sorted = [...sprint.samples].sort((a, b) => a - b);
      const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
      return {
        events: sprint.events,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        mean,
      };
    });
    console.log(
      `\none logHours command (load snapshot, decide, append, save snapshot, project), ${rounds} rounds`,
    );
    console.log('history (events) |  p50 ms |  p99 ms | mean ms');
    for (const row of rows) {
      console.log(
        `${String(row.events).padStart(16)} | ${row.p50.toFixed(2).padStart(7)} | ${row.p99.toFixed(2).padStart(7)} | ${row.mean.toFixed(2).padStart(7)}`,
      );
    }
    const [short, long] = rows;
    if (short && long) {
      console.log(
        `\nratio long/short history: p50 ${(long.p50 / short.p50).toFixed(2)}x, mean ${(long.mean / short.mean).toFixed(2)}x`,
      );
    }
  } finally {
    await pool.end();
  }
}

await main();
