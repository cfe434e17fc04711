import type { Pool } from 'pg';
import type { DashboardRows } from './dashboard.js';

const camel = (key: string) =>
  key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function camelize(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camel(key), value]));
}

type RawRows = { [Key in keyof DashboardRows]: Record<string, unknown>[] } & {
  overview: Record<string, unknown> | null;
};

/**
 * Everything a dashboard shows, in one statement whatever the size of the sprint: each view's
 * rows of the sprint, aggregated as JSON in the plan's order.
 */
export async function loadDashboardRows(
  pool: Pick<Pool, 'query'>,
  sprintId: string,
): Promise<DashboardRows | null> {
  const list = (table: string, columns = 't') =>
    `(SELECT coalesce(json_agg(${columns} ORDER BY t.ordinal), '[]') FROM ${table} t WHERE t.sprint_id = $1)`;
  const result = await pool.query<RawRows>(
    `SELECT
       (SELECT row_to_json(t) FROM sprint_overview t WHERE t.sprint_id = $1) AS overview,
       ${list('sprint_agents')} AS agents,
       ${list('sprint_phases')} AS phases,
       ${list('sprint_tasks')} AS tasks,
       ${list('sprint_blockers')} AS blockers,
       ${list('sprint_issues', "json_build_object('id', t.id, 'status', t.status)")} AS issues,
       ${list('sprint_deliverables')} AS deliverables,
       ${list('sprint_checkpoints', "json_build_object('id', t.id, 'status', t.status)")} AS checkpoints,
       ${list('sprint_risks', "json_build_object('id', t.id, 'status', t.status)")} AS risks`,
    [sprintId],
  );
  const raw = result.rows[0];
  if (!raw?.overview) return null;
  return {
    overview: camelize(raw.overview),
    agents: raw.agents.map(camelize),
    phases: raw.phases.map(camelize),
    tasks: raw.tasks.map(camelize),
    blockers: raw.blockers.map(camelize),
    issues: raw.issues.map(camelize),
    deliverables: raw.deliverables.map(camelize),
    checkpoints: raw.checkpoints.map(camelize),
    risks: raw.risks.map(camelize),
  } as unknown as DashboardRows;
}
