import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { appendToStream, type NewEvent } from '../src/event-store/event-store.js';
import { createSprintLedger, type SprintCommandRunner } from '../src/sprint-ledger.factory.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { benchDatabaseUrl, recreateBenchDatabase } from './bench-database.js';

/**
 * `node dist/bench/command-growth.js`: one command (`logHours`) on a fresh sprint and on one
 * that has accumulated 10,000 messages, in one run: p50, p99 and WAL bytes per command.
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
const actor = { principal: systemPrincipal('bench') };

async function sprintWith(ledger: SprintCommandRunner, pool: Pool, count: number) {
  const text = await readFile(new URL('../../fixtures/sprint-4.yaml', import.meta.url), 'utf8');
  const plan = { ...parseSprintPlan(text), key: `messages-${count}` };
  await ledger.execute(plan.key, { kind: 'PlanSprint', plan }, actor);
  const started = await ledger.execute(
    plan.key,
    { kind: 'StartTask', taskId: '1.1', agent: 'python-pro' },
    actor,
  );
  for (let version = started.version, index = 0; index < count;) {
    const batch: NewEvent[] = Array.from({ length: Math.min(1000, count - index) }, () => {
      index += 1;
      return {
        type: 'CommunicationLogged',
        data: {
          communicationId: `C-${index}`,
          from: 'qa-engineer',
          to: null,
          subject: `subject ${index}`,
          body: 'a message of ordinary length, as agents write them to each other',
          communicationType: 'NOTIFICATION',
          replyTo: null,
          at: new Date().toISOString(),
        },
        metadata: { actor: 'bench', actorKind: 'SYSTEM' },
      };
    });
    await appendToStream(pool, plan.key, version, batch);
    version += batch.length;
  }
  await logHours(ledger, plan.key); // folds the bulk load in; not measured
  return plan.key;
}

function logHours(ledger: SprintCommandRunner, sprintId: string) {
  return ledger.execute(
    sprintId,
    { kind: 'LogHours', taskId: '1.1', agent: 'python-pro', hours: 0.01 },
    actor,
  );
}

const walNow = async (pool: Pool) =>
  (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn ??
  '0/0';

async function measure(ledger: SprintCommandRunner, pool: Pool, sprintId: string) {
  const samples: number[] = [];
  const from = await walNow(pool);
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    await logHours(ledger, sprintId);
    samples.push(performance.now() - started);
  }
  const wal = await pool.query<{ bytes: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn) AS bytes',
    [from],
  );
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor((samples.length * p) / 100))] ?? 0;
  return { p50: at(50), p99: at(99), walPerCommand: Number(wal.rows[0]?.bytes ?? 0) / rounds };
}

await recreateBenchDatabase();
const pool = new Pool({ connectionString: benchDatabaseUrl, max: 4 });
try {
  const ledger = createSprintLedger(pool, new Clock());
  const fresh = await sprintWith(ledger, pool, 0);
  const grown = await sprintWith(ledger, pool, messages);
  const a = await measure(ledger, pool, fresh);
  const b = await measure(ledger, pool, grown);
  const show = (name: string, m: typeof a) =>
    `${name}: p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, WAL ${Math.round(m.walPerCommand)} B/command`;
  console.log(show('fresh sprint', a));
  console.log(show(`sprint with ${messages} messages`, b));
  console.log(
    `ratios: p50 ${(b.p50 / a.p50).toFixed(2)}x, p99 ${(b.p99 / a.p99).toFixed(2)}x, WAL ${(b.walPerCommand / a.walPerCommand).toFixed(2)}x`,
  );
} finally {
  await pool.end();
}
