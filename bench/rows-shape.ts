// Ad-hoc: the row loader's cost on a 10,000-task sprint, state-shaped (jsonb) against the
// former flat json_agg of each table, in the same run. Not part of the suite.
import { performance } from 'node:perf_hooks';
import { Clock } from '../src/common/clock.js';
import { renderDashboardMarkdown } from '../src/dashboard/dashboard-markdown.js';
import { toDashboard } from '../src/dashboard/dashboard-view.js';
import { buildSprintKpis } from '../src/dashboard/sprint-kpis.js';
import { camelize, loadSprintRows } from '../src/read-models/sprint-rows.js';
import { createSprintLedger } from '../src/sprint-ledger.factory.js';
import { createTestDatabase } from '../test/support/database.js';
import { noSections } from '../test/builders/sprint-plan.builder.js';

const db = await createTestDatabase();
const ledger = createSprintLedger(db.pool, new Clock());
const phases = Array.from({ length: 20 }, (_, p) => ({
  number: p + 1,
  name: `Phase ${p + 1}`,
  estimateHours: { min: 1, max: 2 },
  dependsOn: p ? [p] : [],
  criticalPath: true,
  riskLevel: null,
  tasks: Array.from({ length: 500 }, (_, t) => ({
    id: `${p + 1}.${t + 1}`,
    title: `Task ${t}`,
    estimateHours: 1,
    assignees: [`agent-${t % 10}`],
    dependsOn: [],
  })),
}));
const plan = {
  key: 'big',
  name: 'Big',
  branch: null,
  startDate: null,
  targetHours: { min: 1, max: 20000 },
  criticalPathHours: null,
  bufferedHours: null,
  agents: Array.from({ length: 10 }, (_, a) => ({
    name: `agent-${a}`,
    role: 'dev',
    backup: null,
    criticalDependencies: [],
  })),
  phases,
  ...noSections,
};
await ledger.execute(
  'big',
  { kind: 'PlanSprint', plan },
  {
    principal: { id: 'c', name: 'c', kind: 'HUMAN', role: 'COORDINATOR', agent: null, sprints: [] },
  },
);
const tables = [
  'sprint_agents',
  'sprint_phases',
  'sprint_tasks',
  'sprint_blockers',
  'sprint_issues',
  'sprint_deliverables',
  'sprint_checkpoints',
  'sprint_risks',
  'sprint_quality_metrics',
  'sprint_communications',
];
/** The loader as it was before the re-cut: each table's rows as they are, camelized in JS. */
const flat = async () => {
  const result = await db.pool.query<Record<string, Record<string, unknown>[]>>(
    `SELECT ${tables
      .map(
        (table) =>
          `(SELECT coalesce(json_agg(t ORDER BY t.ordinal), '[]') FROM ${table} t WHERE t.sprint_id = $1) AS ${table}`,
      )
      .join(', ')}`,
    ['big'],
  );
  const row = result.rows[0] ?? {};
  return tables.map((table) => (row[table] ?? []).map(camelize));
};
const time = async (name: string, run: () => Promise<unknown>) => {
  const samples: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(`${name}: p50 ${samples[4]?.toFixed(1)} ms`);
  return samples[4] ?? 0;
};
const shaped = await time('loadSprintRows: rows in the state shape, built by Postgres', () =>
  loadSprintRows(db.pool, 'big'),
);
const before = await time('the loader before: rows as stored, camelized in JS', flat);
console.log(`ratio ${(shaped / before).toFixed(2)}x`);
const rows = await loadSprintRows(db.pool, 'big');
if (rows) {
  await time('dashboard from the rows (builders and critical path)', () =>
    Promise.resolve(toDashboard(rows)),
  );
  await time('KPIs from the rows', () => Promise.resolve(buildSprintKpis(rows)));
  await time('the markdown document from the rows', () =>
    Promise.resolve(renderDashboardMarkdown(rows, new Date().toISOString())),
  );
}
await db.drop();
