import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../access/access.guard.js';
import { requireReadable } from '../access/authorize.js';
import type { Pool } from 'pg';
import type { SprintRows } from './dashboard.js';

const camel = (key: string) =>
  key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A row with its snake_case columns under camelCase names, as the entity types have them. */
export function camelize(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camel(key), value]));
}

interface RawRows {
  readonly overview: Record<string, unknown> | null;
  readonly [list: string]: Record<string, unknown>[] | Record<string, unknown> | null;
}

/**
 * Everything the dashboard, metrics and checkpoint views show, in one statement whatever the
 * size of the sprint: each read model's rows of the sprint, aggregated as JSON in plan order.
 */
export async function loadSprintRows(
  pool: Pick<Pool, 'query'>,
  sprintId: string,
): Promise<SprintRows | null> {
  const list = (table: string, columns = 't') =>
    `(SELECT coalesce(json_agg(${columns} ORDER BY t.ordinal), '[]') FROM ${table} t WHERE t.sprint_id = $1)`;
  const result = await pool.query<RawRows>(
    `SELECT
       (SELECT row_to_json(t) FROM sprint_overview t WHERE t.sprint_id = $1) AS overview,
       ${list('sprint_agents')} AS agents,
       ${list('sprint_phases')} AS phases,
       ${list('sprint_tasks')} AS tasks,
       ${list('sprint_blockers')} AS blockers,
       ${list('sprint_issues')} AS issues,
       ${list('sprint_deliverables')} AS deliverables,
       ${list('sprint_checkpoints')} AS checkpoints,
       ${list('sprint_risks')} AS risks,
       ${list('sprint_quality_metrics')} AS quality_metrics,
       ${list('sprint_communications')} AS communications,
       (SELECT coalesce(json_agg(json_build_object('type', h.type, 'task_id', h.task_id, 'at', h.at)
                                 ORDER BY h.stream_version), '[]')
        FROM sprint_history h
        WHERE h.sprint_id = $1 AND h.type IN ('TaskCompleted', 'TaskReopened')) AS progress_events`,
    [sprintId],
  );
  const raw = result.rows[0];
  if (!raw?.overview) return null;
  const rows = (name: string) => (raw[name] as Record<string, unknown>[]).map(camelize);
  return {
    overview: camelize(raw.overview),
    agents: rows('agents'),
    phases: rows('phases'),
    tasks: rows('tasks'),
    blockers: rows('blockers'),
    issues: rows('issues'),
    deliverables: rows('deliverables'),
    checkpoints: rows('checkpoints'),
    risks: rows('risks'),
    qualityMetrics: rows('quality_metrics'),
    communications: rows('communications'),
    progressEvents: rows('progress_events'),
  } as unknown as SprintRows;
}

const loadedByRequest = new WeakMap<object, Map<string, Promise<SprintRows | null>>>();

/**
 * A sprint's rows read once per GraphQL request, however many of its root fields (`dashboard`,
 * `metrics`, `sprint`, ...) ask for the same sprint: one statement, and one consistent picture.
 */
export function sprintRowsOfRequest(
  request: FastifyRequest,
  pool: Pick<Pool, 'query'>,
  sprintId: string,
): Promise<SprintRows | null> {
  requireReadable(principalOfRequest(request), sprintId);
  let loaded = loadedByRequest.get(request);
  if (!loaded) {
    loaded = new Map();
    loadedByRequest.set(request, loaded);
  }
  let rows = loaded.get(sprintId);
  if (!rows) {
    rows = loadSprintRows(pool, sprintId);
    loaded.set(sprintId, rows);
  }
  return rows;
}
