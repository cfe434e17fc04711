import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { systemPrincipal } from '../../src/access/principal.js';
import { appendToStream, type NewEvent } from '../../src/event-store/event-store.js';
import { relayPositionName, subscriptionLag } from '../../src/event-store/positions.js';
import { rebuildSprint } from '../../src/read-models/rebuild.js';
import type { SprintCommandRunner } from '../../src/sprint-ledger.factory.js';
import type { SprintPlan } from '../../src/sprints/plan/plan-document.js';
import { logHoursMutation, logHoursOf, type GraphqlClient } from '../support/client.js';
import { record, sequence } from '../support/report.js';

const actor = { principal: systemPrincipal('bench') };

export interface GrowthContext {
  readonly pool: Pool;
  readonly ledger: SprintCommandRunner;
  readonly service: GraphqlClient;
  readonly plan: SprintPlan;
  /** The service's topic: its relay must have caught up before anything is timed. */
  readonly topic: string;
  readonly records: number;
  readonly events: number;
  readonly rounds: number;
}

const dashboardQuery = `query ($id: ID!) { dashboard(sprintId: $id) {
  overview { progressPercent } agents { nextTask { id } } criticalPath { totalHours } } }`;

async function planned(context: GrowthContext, key: string): Promise<number> {
  await context.ledger.execute(key, { kind: 'PlanSprint', plan: { ...context.plan, key } }, actor);
  const started = await context.ledger.execute(
    key,
    { kind: 'StartTask', taskId: '1.1', agent: 'python-pro' },
    actor,
  );
  return started.version;
}

/** Grows a sprint through real commands: read models and history fill as they do in use. */
async function grownBy(
  context: GrowthContext,
  key: string,
  command: (index: number) => Parameters<SprintCommandRunner['execute']>[1],
) {
  await planned(context, key);
  for (let index = 0; index < context.records; index += 1) {
    await context.ledger.execute(key, command(index), actor);
  }
}

/**
 * A long log is appended directly (10^6 commands would take the bench half an hour), then the
 * sprint's read models and snapshot are rebuilt from it: the same rows commands would leave,
 * since a rebuild gives exactly what the commands wrote. Its rate is the rebuild figure.
 */
async function longLog(context: GrowthContext, key: string): Promise<number> {
  let version = await planned(context, key);
  const batch: NewEvent[] = Array.from({ length: 1000 }, () => ({
    type: 'HoursLogged',
    data: {
      taskId: '1.1',
      agent: 'python-pro',
      hours: 0.01,
      totalHours: 1,
      at: new Date().toISOString(),
    },
    metadata: { actor: 'bench', actorKind: 'SYSTEM' },
  }));
  while (version < context.events) {
    const events = batch.slice(0, Math.min(batch.length, context.events - version));
    await appendToStream(context.pool, key, version, events);
    version += events.length;
  }
  const started = performance.now();
  const rebuilt = await rebuildSprint(context.pool, key);
  return rebuilt / ((performance.now() - started) / 1000);
}

async function relayCaughtUp(context: GrowthContext): Promise<void> {
  const position = relayPositionName(context.topic);
  while ((await subscriptionLag(context.pool, position)).events > 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const walNow = async (pool: Pool) =>
  (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn ??
  '0/0';

/** One client, one command after another: latency, WAL per command, dashboard latency. */
async function measure(context: GrowthContext, key: string) {
  const { service, pool, rounds } = context;
  await relayCaughtUp(context);
  const logHours = () => service(logHoursMutation, logHoursOf(key)).then(() => undefined);
  await sequence(20, logHours); // the service loads the sprint once, then starts from its cache
  const from = await walNow(pool);
  const command = await sequence(rounds, logHours);
  const wal = await pool.query<{ bytes: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn) AS bytes',
    [from],
  );
  const dashboard = await sequence(rounds, async () => {
    await service(dashboardQuery, { id: key });
  });
  return { ...command, wal: Number(wal.rows[0]?.bytes ?? 0) / rounds, dashboard: dashboard.p50 };
}

/**
 * The same command and dashboard on a fresh sprint and on sprints that accumulated records and
 * events: nothing per command may grow with what a sprint holds.
 */
export async function growth(context: GrowthContext): Promise<void> {
  await planned(context, 'grow-fresh');
  await grownBy(context, 'grow-messages', (index) => ({
    kind: 'LogCommunication',
    from: 'qa-engineer',
    subject: `subject ${index}`,
    body: 'a message of ordinary length, as agents write them to each other',
    type: 'NOTIFICATION',
  }));
  await grownBy(context, 'grow-issues', (index) => ({
    kind: 'ReportIssue',
    severity: 'P3',
    title: `issue ${index}`,
    phase: 1,
    description: 'found while testing',
  }));
  const rebuiltRate = await longLog(context, 'grow-log');
  const started = performance.now();
  const rebuiltMessages = await rebuildSprint(context.pool, 'grow-messages');
  const messagesRate = rebuiltMessages / ((performance.now() - started) / 1000);
  // The growth wrote a million rows: let Postgres settle them now, not during the measures.
  await context.pool.query('VACUUM (ANALYZE) events, sprint_history');
  await context.pool.query('CHECKPOINT');
  const grown = [
    [`${context.records} communications`, 'grow-messages'],
    [`${context.records} issues`, 'grow-issues'],
    [`${context.events} events`, 'grow-log'],
  ] as const;
  for (const [name, key] of grown) {
    // Fresh, then grown, each time: a drift of the shared machine falls on both alike.
    const fresh = await measure(context, 'grow-fresh');
    const figures = await measure(context, key);
    const scenario = `sprint with ${name}`;
    const baseline = 'fresh sprint';
    record({
      scenario,
      measure: 'cmd p50',
      value: figures.p50,
      unit: 'ms',
      baseline: fresh.p50,
      baselineName: baseline,
      goal: '<= 1.2',
    });
    record({
      scenario,
      measure: 'cmd p99',
      value: figures.p99,
      unit: 'ms',
      baseline: fresh.p99,
      baselineName: baseline,
      goal: '<= 1.2',
    });
    record({
      scenario,
      measure: 'WAL/cmd',
      value: figures.wal,
      unit: 'bytes',
      baseline: fresh.wal,
      baselineName: baseline,
      goal: '<= 1.2',
    });
    record({
      scenario,
      measure: 'dash p50',
      value: figures.dashboard,
      unit: 'ms',
      baseline: fresh.dashboard,
      baselineName: baseline,
      goal: '<= 1.2',
    });
  }
  record({
    scenario: `rebuild of a sprint of ${context.events} events`,
    measure: 'events/s',
    value: rebuiltRate,
    unit: 'ev/s',
    baseline: 50_000,
    baselineName: 'the goal',
    goal: '>= 1',
  });
  record({
    scenario: `rebuild of a sprint of ${context.records} messages`,
    measure: 'events/s',
    value: messagesRate,
    unit: 'ev/s',
    baseline: 50_000,
    baselineName: 'the goal',
    goal: '>= 1',
  });
}
