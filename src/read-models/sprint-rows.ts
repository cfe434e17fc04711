import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { principalOfRequest } from '../access/access.guard.js';
import { requireReadable } from '../access/authorize.js';
import type {
  AgentState,
  BlockerState,
  CheckpointState,
  CommandsState,
  CommunicationState,
  DeliverableState,
  IssueState,
  NextStepState,
  PhaseState,
  QualityTargetState,
  RiskState,
  SprintState,
  TaskState,
} from '../sprints/model/state.js';
import { scopeEventTypes } from '../sprints/scope/scope.events.js';

/**
 * A sprint as its read models hold it, each record in the state's own shape (model/state.ts):
 * the projection maps a state record to its row, this loader maps the row back, and the
 * dashboard, the lists and the GraphQL types all read the one shape.
 */
export interface SprintRows {
  readonly overview: SprintOverview;
  readonly agents: readonly AgentState[];
  /** A phase's tasks are the tasks that name it. */
  readonly phases: readonly Omit<PhaseState, 'taskIds'>[];
  readonly tasks: readonly TaskState[];
  readonly blockers: readonly BlockerState[];
  readonly issues: readonly IssueState[];
  readonly deliverables: readonly DeliverableState[];
  readonly checkpoints: readonly CheckpointState[];
  readonly risks: readonly RiskState[];
  readonly qualityTargets: readonly QualityTargetState[];
  readonly communications: readonly CommunicationState[];
  readonly commands: readonly CommandsState[];
  readonly nextSteps: readonly NextStepState[];
  /** The events that move remaining work or the scope, oldest first: for the burndown. */
  readonly progressEvents: readonly ProgressEvent[];
  /** Every scope change, oldest first: the scope log. */
  readonly scopeLog: readonly ScopeLogEntry[];
}

export const progressEventTypes = [
  'SprintStarted',
  'TaskCompleted',
  'TaskReopened',
  'TaskAdded',
  'TaskReestimated',
  'TaskCancelled',
] as const;

export interface ProgressEvent {
  readonly type: (typeof progressEventTypes)[number];
  /** Its place in the sprint's stream. */
  readonly version: number;
  readonly taskId: string | null;
  readonly at: string;
  /** A re-estimate's hours before and after, as text. */
  readonly from: string | null;
  readonly to: string | null;
  /** The estimate an added or cancelled task brought into or took out of the scope. */
  readonly hours: number | null;
}

export interface ScopeLogEntry {
  readonly version: number;
  readonly at: string;
  readonly type: string;
  readonly actor: string | null;
  /** What it is about: a task id, a phase number, an agent, a metric... */
  readonly subject: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly hours: number | null;
}

type Records = Extract<keyof SprintState, 'agents' | 'phases' | 'tasks' | 'blockers' | 'issues'>;
export type SprintOverview = Omit<
  SprintState,
  | Records
  | 'communications'
  | 'checkpoints'
  | 'deliverables'
  | 'risks'
  | 'qualityTargets'
  | 'commands'
  | 'nextSteps'
> & {
  readonly version: number;
  /** When its latest event happened: the dashboard's Last Updated. */
  readonly updatedAt: string | null;
};

const camel = (key: string) =>
  key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A row with its snake_case columns under camelCase names, as the state has them. */
export function camelize(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camel(key), value]));
}

/** `json_build_object` of a table's columns under the state's camelCase names. */
function record(columns: string, nested: Readonly<Record<string, string>> = {}): string {
  const pairs = columns
    .split(/\s+/)
    .filter(Boolean)
    .map((column) => `'${camel(column)}', t.${column}`);
  const more = Object.entries(nested).map(([key, value]) => `'${key}', ${value}`);
  return `json_build_object(${[...pairs, ...more].join(', ')})`;
}

/**
 * Each table's rows as JSON in the state's shape, built by Postgres: the columns a state record
 * keeps nested (hour ranges, a message's answer) nested again, the table's own keys left out.
 */
const shapes: Readonly<Record<string, string>> = {
  sprint_agents: record(
    'name role backup critical_dependencies declared_ready status unresponsive_since',
  ),
  sprint_phases: record(
    'number name depends_on critical_path risk_level status started_at completed_at',
    { estimateHours: `json_build_object('min', t.estimate_min, 'max', t.estimate_max)` },
  ),
  sprint_tasks: record(
    `id title phase estimate_hours estimate_range assignees depends_on status actual_hours active_agent
     forced_reason started_at completed_at lease lease_expiries`,
  ),
  sprint_blockers: record(
    `id severity agent task_id description communication_id status raised_at resolved_at resolution
     escalations escalated_to`,
  ),
  sprint_issues: record(
    'id severity title description phase assignee reported_by status reported_at updated_at',
  ),
  sprint_deliverables: record('id category name phase path done done_at cancelled_at'),
  sprint_checkpoints: record(
    'id name phase criteria status result started_at decided_at overdue_at',
    {
      hourWindow: `json_build_object('from', t.window_from, 'to', t.window_to)`,
    },
  ),
  sprint_risks: record('id category severity status mitigation'),
  sprint_quality_metrics: record('metric target actual recorded_at removed_at'),
  sprint_commands: record('agent blocks'),
  sprint_next_steps: record('id title details commands done done_by done_at removed_at'),
  sprint_communications: record('id at subject body type reply_to', {
    from: 't.from_agent',
    to: 't.to_agent',
    answer: `CASE WHEN t.answered_by IS NULL THEN NULL
      ELSE json_build_object('by', t.answered_by, 'body', coalesce(t.answer, ''), 'at', t.answered_at) END`,
  }),
};

const lists = {
  agents: 'sprint_agents',
  phases: 'sprint_phases',
  tasks: 'sprint_tasks',
  blockers: 'sprint_blockers',
  issues: 'sprint_issues',
  deliverables: 'sprint_deliverables',
  checkpoints: 'sprint_checkpoints',
  risks: 'sprint_risks',
  qualityTargets: 'sprint_quality_metrics',
  communications: 'sprint_communications',
  commands: 'sprint_commands',
  nextSteps: 'sprint_next_steps',
} as const;

/** One table's rows for a query that needs them one by one: a row as the state's record. */
export function stateShaped(table: string): string {
  const shape = shapes[table];
  if (!shape) throw new Error(`no shape for ${table}`);
  return shape;
}

const quoted = (types: readonly string[]) => types.map((type) => `'${type}'`).join(', ');

/** The history rows a view reads, each list by its own partial index (ScopeChanges migration). */
const progressEvents = `(SELECT coalesce(json_agg(json_build_object('type', h.type, 'version', h.stream_version, 'taskId', h.task_id,
          'at', h.at, 'from', h.from_value, 'to', h.to_value, 'hours', h.hours)
          ORDER BY h.stream_version), '[]')
        FROM sprint_history h
        WHERE h.sprint_id = $1 AND h.type IN (${quoted(progressEventTypes)}))`;

const scopeLog = `(SELECT coalesce(json_agg(json_build_object('version', h.stream_version, 'at', h.at, 'type', h.type,
          'actor', h.actor, 'subject', h.subject, 'from', h.from_value, 'to', h.to_value,
          'hours', h.hours) ORDER BY h.stream_version), '[]')
        FROM sprint_history h
        WHERE h.sprint_id = $1 AND h.type IN (${quoted(scopeEventTypes)}))`;

/**
 * Something derived from a sprint's rows, kept for the next read of the same version (the rows
 * of a version never change). Pure builders take it optional and compute afresh without it.
 */
export type Remember = <T>(name: string, compute: () => T) => T;

export const computeAfresh: Remember = (_name, compute) => compute();

/** What a view of a sprint may read: a list of its records, its burndown's events, its scope log. */
export type RowPart = keyof typeof lists | 'progressEvents' | 'scopeLog';
export const allRowParts: readonly RowPart[] = [
  ...(Object.keys(lists) as RowPart[]),
  'progressEvents',
  'scopeLog',
];

/**
 * What is in the plan now: a cancelled task, phase or checkpoint, a retired agent, a cancelled
 * deliverable and a dropped quality target stay in their tables and the history, out of views.
 */
const live: Readonly<Record<string, string>> = {
  sprint_agents: `t.status <> 'RETIRED'`,
  sprint_phases: `t.status <> 'CANCELLED'`,
  sprint_tasks: `t.status <> 'CANCELLED'`,
  sprint_checkpoints: `t.status <> 'CANCELLED'`,
  sprint_deliverables: 't.cancelled_at IS NULL',
  sprint_quality_metrics: 't.removed_at IS NULL',
  sprint_commands: 'jsonb_array_length(t.blocks) > 0',
  sprint_next_steps: 't.removed_at IS NULL',
};

type RawRows = Record<string, Record<string, unknown>[] | Record<string, unknown> | null>;

/**
 * What the dashboard, KPIs and checkpoint views show, in one statement whatever the size of the
 * sprint: each read model's rows of the sprint, aggregated as JSON in plan order. A part the
 * view does not need reads as empty, so a dashboard does not read 10,000 messages it never shows.
 */
export async function loadSprintRows(
  pool: Pick<Pool, 'query'>,
  sprintId: string,
  needs: readonly RowPart[] = allRowParts,
): Promise<SprintRows | null> {
  const needed = new Set(needs);
  const list = (name: RowPart, table: string) =>
    needed.has(name)
      ? `(SELECT coalesce(json_agg(${stateShaped(table)} ORDER BY t.ordinal), '[]') FROM ${table} t
         WHERE t.sprint_id = $1${live[table] ? ` AND ${live[table]}` : ''})`
      : `'[]'::json`;
  const result = await pool.query<RawRows>(
    `SELECT
       (SELECT row_to_json(t) FROM sprint_overview t WHERE t.sprint_id = $1) AS overview,
       ${Object.entries(lists)
         .map(([name, table]) => `${list(name as RowPart, table)} AS "${name}"`)
         .join(',\n       ')},
       ${needed.has('progressEvents') ? progressEvents : `'[]'::json`} AS "progressEvents",
       ${needed.has('scopeLog') ? scopeLog : `'[]'::json`} AS "scopeLog"`,
    [sprintId],
  );
  const raw = result.rows[0];
  if (!raw?.overview || Array.isArray(raw.overview)) return null;
  return {
    overview: overviewOf(raw.overview),
    ...Object.fromEntries(Object.keys(lists).map((name) => [name, raw[name]])),
    progressEvents: raw.progressEvents,
    scopeLog: raw.scopeLog,
  } as unknown as SprintRows;
}

function overviewOf(row: Record<string, unknown>): SprintOverview {
  const { sprintId, targetMin, targetMax, ...rest } = camelize(row);
  // The next deadline is the timer's index into the overview, not part of the sprint's state.
  delete rest.nextDeadline;
  return {
    id: sprintId,
    ...rest,
    targetHours: { min: targetMin, max: targetMax },
  } as SprintOverview;
}

interface RequestRead {
  readonly needs: Set<RowPart>;
  started: boolean;
  rows: Promise<SprintRows | null>;
}

const readsByRequest = new WeakMap<object, Map<string, RequestRead>>();

/**
 * A sprint's rows read once per GraphQL request, however many of its root fields (`dashboard`,
 * `metrics`, `sprint`, ...) ask for the same sprint: one statement for the parts they need
 * together, and one consistent picture. Root fields resolve side by side, so the read waits for
 * the current turn of the event loop to gather what they all need.
 */
export function sprintRowsOfRequest(
  request: FastifyRequest,
  pool: Pick<Pool, 'query'>,
  sprintId: string,
  needs: readonly RowPart[] = allRowParts,
): Promise<SprintRows | null> {
  requireReadable(principalOfRequest(request), sprintId);
  let reads = readsByRequest.get(request);
  if (!reads) {
    reads = new Map();
    readsByRequest.set(request, reads);
  }
  const known = reads.get(sprintId);
  if (known && !known.started) {
    for (const part of needs) known.needs.add(part);
    return known.rows;
  }
  if (known && needs.every((part) => known.needs.has(part))) return known.rows;
  const read: RequestRead = { needs: new Set(needs), started: false, rows: Promise.resolve(null) };
  read.rows = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    read.started = true;
    return loadSprintRows(pool, sprintId, [...read.needs]);
  });
  reads.set(sprintId, read);
  return read.rows;
}
