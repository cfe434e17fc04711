import type { Pool } from 'pg';
import { loadSprint } from '../../src/sprints/ledger/snapshots.js';
import { sprintDomain } from '../../src/sprints/sprint-domain.js';

const readModelTables = [
  'sprint_overview',
  'sprint_agents',
  'sprint_phases',
  'sprint_tasks',
  'sprint_blockers',
  'sprint_issues',
  'sprint_communications',
  'sprint_checkpoints',
  'sprint_deliverables',
  'sprint_risks',
  'sprint_quality_metrics',
  'sprint_commands',
  'sprint_next_steps',
  'sprint_history',
];

/** A value with its object keys sorted: a snapshot read back from jsonb has them in jsonb's order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/**
 * Every row of every read model in a stable order, and the state each sprint's snapshot gives,
 * for comparing with a rebuild. A snapshot may lag its stream by design (it is written every
 * `snapshotEvery` events); what must hold is that it and the events after it give the state.
 */
export async function readModelContents(pool: Pool): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  const sprints = await pool.query<{ sprint_id: string }>(
    'SELECT sprint_id FROM sprint_snapshots ORDER BY sprint_id',
  );
  tables.sprint_states = [];
  for (const { sprint_id: sprintId } of sprints.rows) {
    const { state, version } = await loadSprint(pool, sprintId, sprintDomain);
    tables.sprint_states.push(canonical({ sprintId, version, state }));
  }
  for (const table of readModelTables) {
    const rows = await pool.query(`SELECT to_jsonb(t) AS row FROM ${table} t`);
    tables[table] = rows.rows
      .map((row: { row: unknown }) => JSON.stringify(row.row))
      .sort()
      .map((row) => JSON.parse(row) as unknown);
  }
  return tables;
}
