import type { Pool } from 'pg';

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
  'sprint_history',
  'sprint_snapshots',
];

/** Every row of every read model and snapshot, in a stable order, for comparing with a rebuild. */
export async function readModelContents(pool: Pool): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of readModelTables) {
    // A snapshot's updated_at says when the cache was written, not what it holds.
    const row = table === 'sprint_snapshots' ? `to_jsonb(t) - 'updated_at'` : 'to_jsonb(t)';
    const rows = await pool.query(`SELECT ${row} AS row FROM ${table} t`);
    tables[table] = rows.rows
      .map((row: { row: unknown }) => JSON.stringify(row.row))
      .sort()
      .map((row) => JSON.parse(row) as unknown);
  }
  return tables;
}
