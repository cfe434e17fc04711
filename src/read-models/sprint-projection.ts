import type { PoolClient } from 'pg';
import { copyRows } from './copy-rows.js';
import { eventTime, historyRow } from './history-rows.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { type SprintState } from '../sprints/model/state.js';
import { nextDeadline } from '../sprints/timing/clocks.js';
import type { InlineProjection } from '../sprints/ledger/sprint-domain.js';

type Queryable = Pick<PoolClient, 'query'>;
type Row = Record<string, unknown>;

/** How one kind of entity of the sprint state becomes rows of its read-model table. */
interface EntityTable {
  readonly table: string;
  readonly key: string;
  readonly entities: (state: SprintState) => Readonly<Record<string, unknown>>;
  readonly row: (entity: never) => Row;
}

function table<Entity>(
  name: string,
  key: string,
  entities: (state: SprintState) => Readonly<Record<string, Entity>>,
  row: (entity: Entity) => Row,
): EntityTable {
  return { table: name, key, entities, row };
}

/** Every entity table: the one mapping from a state record to its row. */
export const entityTables = {
  agents: table(
    'sprint_agents',
    'name',
    (state) => state.agents,
    (agent) => ({
      name: agent.name,
      role: agent.role,
      backup: agent.backup,
      critical_dependencies: agent.criticalDependencies,
      declared_ready: agent.declaredReady,
      status: agent.status,
      unresponsive_since: agent.unresponsiveSince,
    }),
  ),
  phases: table(
    'sprint_phases',
    'number',
    (state) => state.phases,
    (phase) => ({
      number: phase.number,
      name: phase.name,
      estimate_min: phase.estimateHours.min,
      estimate_max: phase.estimateHours.max,
      depends_on: phase.dependsOn,
      critical_path: phase.criticalPath,
      risk_level: phase.riskLevel,
      status: phase.status,
      started_at: phase.startedAt,
      completed_at: phase.completedAt,
    }),
  ),
  tasks: table(
    'sprint_tasks',
    'id',
    (state) => state.tasks,
    (task) => ({
      id: task.id,
      title: task.title,
      phase: task.phase,
      estimate_hours: task.estimateHours,
      estimate_range: task.estimateRange,
      assignees: task.assignees,
      depends_on: task.dependsOn,
      status: task.status,
      actual_hours: task.actualHours,
      active_agent: task.activeAgent,
      forced_reason: task.forcedReason,
      started_at: task.startedAt,
      completed_at: task.completedAt,
      lease: task.lease,
      lease_expiries: task.leaseExpiries,
    }),
  ),
  blockers: table(
    'sprint_blockers',
    'id',
    (state) => state.blockers,
    (blocker) => ({
      id: blocker.id,
      severity: blocker.severity,
      agent: blocker.agent,
      task_id: blocker.taskId,
      description: blocker.description,
      communication_id: blocker.communicationId,
      status: blocker.status,
      raised_at: blocker.raisedAt,
      resolved_at: blocker.resolvedAt,
      resolution: blocker.resolution,
      escalations: blocker.escalations,
      escalated_to: blocker.escalatedTo,
    }),
  ),
  issues: table(
    'sprint_issues',
    'id',
    (state) => state.issues,
    (issue) => ({
      id: issue.id,
      severity: issue.severity,
      title: issue.title,
      description: issue.description,
      phase: issue.phase,
      assignee: issue.assignee,
      reported_by: issue.reportedBy,
      status: issue.status,
      reported_at: issue.reportedAt,
      updated_at: issue.updatedAt,
    }),
  ),
  communications: table(
    'sprint_communications',
    'id',
    (state) => state.communications,
    (message) => ({
      id: message.id,
      at: message.at,
      from_agent: message.from,
      to_agent: message.to,
      subject: message.subject,
      body: message.body,
      type: message.type,
      reply_to: message.replyTo,
      answered_by: message.answer?.by ?? null,
      answer: message.answer?.body ?? null,
      answered_at: message.answer?.at ?? null,
    }),
  ),
  checkpoints: table(
    'sprint_checkpoints',
    'id',
    (state) => state.checkpoints,
    (checkpoint) => ({
      id: checkpoint.id,
      name: checkpoint.name,
      phase: checkpoint.phase,
      window_from: checkpoint.hourWindow.from,
      window_to: checkpoint.hourWindow.to,
      criteria: checkpoint.criteria,
      status: checkpoint.status,
      result: checkpoint.result,
      started_at: checkpoint.startedAt,
      decided_at: checkpoint.decidedAt,
      overdue_at: checkpoint.overdueAt,
    }),
  ),
  deliverables: table(
    'sprint_deliverables',
    'id',
    (state) => state.deliverables,
    (deliverable) => ({
      id: deliverable.id,
      category: deliverable.category,
      name: deliverable.name,
      phase: deliverable.phase,
      path: deliverable.path,
      done: deliverable.done,
      done_at: deliverable.doneAt,
      cancelled_at: deliverable.cancelledAt,
    }),
  ),
  risks: table(
    'sprint_risks',
    'id',
    (state) => state.risks,
    (risk) => ({
      id: risk.id,
      category: risk.category,
      severity: risk.severity,
      status: risk.status,
      mitigation: risk.mitigation,
    }),
  ),
  qualityTargets: table(
    'sprint_quality_metrics',
    'metric',
    (state) => state.qualityTargets,
    (target) => ({
      metric: target.metric,
      target: target.target,
      actual: target.actual,
      recorded_at: target.recordedAt,
      removed_at: target.removedAt,
    }),
  ),
  commands: table(
    'sprint_commands',
    'agent',
    (state) => state.commands,
    (commands) => ({ agent: commands.agent, blocks: commands.blocks }),
  ),
  nextSteps: table(
    'sprint_next_steps',
    'id',
    (state) => state.nextSteps,
    (step) => ({
      id: step.id,
      title: step.title,
      details: step.details,
      commands: step.commands,
      done: step.done,
      done_by: step.doneBy,
      done_at: step.doneAt,
      removed_at: step.removedAt,
    }),
  ),
} as const;

type EntityKind = keyof typeof entityTables;

const entityKinds = Object.keys(entityTables) as EntityKind[];

/**
 * The ids of the records of one kind that changed. Evolve replaces only the records an event
 * changes and keeps every other by reference, so a changed record is one that is not the same
 * object as before: no table of which event touches what, and a new event type needs none.
 */
function changedIds(kind: EntityKind, before: SprintState | null, after: SprintState): string[] {
  const spec = entityTables[kind];
  const now: Readonly<Record<string, unknown>> = spec.entities(after);
  if (before === null) return Object.keys(now);
  const then: Readonly<Record<string, unknown>> = spec.entities(before);
  // A map no event changed is the same object: nothing to look through.
  if (then === now) return [];
  return Object.keys(now).filter((id) => !Object.hasOwn(then, id) || then[id] !== now[id]);
}

/** The rows of the records of one kind with the given ids, each with its place in the plan. */
function entityRows(kind: EntityKind, state: SprintState, ids: readonly string[]): Row[] {
  const spec = entityTables[kind];
  const all = spec.entities(state);
  const order = new Map(Object.keys(all).map((id, index) => [id, index]));
  return ids.map((id) => ({
    sprint_id: state.id,
    ordinal: order.get(id),
    ...spec.row(all[id] as never),
  }));
}

/**
 * Brings the read models of one sprint up to date with events just appended, in the append's
 * transaction: the sprint's overview row, the row of every entity the command changed (taken
 * from the state after them) and one history row per event, in one statement.
 */
export async function projectSprint(
  db: Queryable,
  before: SprintState | null,
  state: SprintState,
  version: number,
  recorded: readonly RecordedEvent[],
): Promise<void> {
  const last = recorded.at(-1);
  const updatedAt = last ? eventTime(last) : null;
  const row = { ...overviewRow(state, version), ...(updatedAt ? { updated_at: updatedAt } : {}) };
  const writes = [upsert('sprint_overview', 'sprint_id', [row])];
  for (const kind of entityKinds) {
    const ids = changedIds(kind, before, state);
    if (ids.length === 0) continue;
    const spec = entityTables[kind];
    writes.push(upsert(spec.table, `sprint_id, ${spec.key}`, entityRows(kind, state, ids)));
  }
  if (recorded.length > 0) writes.push(history(recorded));
  await run(db, writes);
}

/** Every read-model table a sprint has rows in. */
const sprintTables = [
  'sprint_overview',
  ...Object.values(entityTables).map((spec) => spec.table),
  'sprint_history',
];

/** Empties every read model of one sprint, for a rebuild to write them afresh. */
export async function clearSprint(db: Queryable, sprintId: string): Promise<void> {
  for (const name of sprintTables) {
    await db.query(`DELETE FROM ${name} WHERE sprint_id = $1`, [sprintId]);
  }
}

/**
 * A rebuild's writes, after `clearSprint`: the history of a page of events, and at the end
 * the overview and every entity of the state the whole log folds to. COPY, not the command
 * path's INSERTs: the same rows, several times faster in bulk.
 */
export const rebuiltRows = {
  history: (client: PoolClient, recorded: readonly RecordedEvent[]) =>
    copyRows(client, 'sprint_history', recorded.map(historyRow)),
  state: async (
    client: PoolClient,
    state: SprintState,
    version: number,
    updatedAt: string | null,
  ) => {
    await copyRows(client, 'sprint_overview', [
      { ...overviewRow(state, version), updated_at: updatedAt },
    ]);
    for (const kind of entityKinds) {
      const ids = Object.keys(entityTables[kind].entities(state));
      await copyRows(client, entityTables[kind].table, entityRows(kind, state, ids));
    }
  },
};

function overviewRow(state: SprintState, version: number): Row {
  return {
    sprint_id: state.id,
    name: state.name,
    branch: state.branch,
    status: state.status,
    start_date: state.startDate,
    target_min: state.targetHours.min,
    target_max: state.targetHours.max,
    critical_path_hours: state.criticalPathHours,
    buffered_hours: state.bufferedHours,
    planned_at: state.plannedAt,
    started_at: state.startedAt,
    completed_at: state.completedAt,
    cancelled_at: state.cancelledAt,
    cancel_reason: state.cancelReason,
    issues_found: state.issuesFound,
    issues_resolved: state.issuesResolved,
    baseline_critical_path: state.baselineCriticalPath,
    contacts: state.contacts,
    escalation: state.escalation,
    file_locations: state.fileLocations,
    timing: state.timing,
    next_deadline: nextDeadline(state),
    version,
  };
}

interface Write {
  /** An INSERT whose one parameter is `$1`. */
  readonly sql: string;
  readonly rows: string;
}

/** One write per table: the rows arrive as a JSON array shaped like the table itself. */
function upsert(name: string, key: string, rows: readonly Row[]): Write {
  const keys = key.split(', ');
  const columns = Object.keys(rows[0] ?? {}).filter((column) => !keys.includes(column));
  return {
    sql: `INSERT INTO ${name} SELECT * FROM json_populate_recordset(null::${name}, $1::json)
     ON CONFLICT (${key}) DO UPDATE
       SET (${columns.join(', ')}) = ROW(${columns.map((column) => `excluded.${column}`).join(', ')})`,
    rows: JSON.stringify(rows),
  };
}

/**
 * Several writes as one statement, each a data-modifying WITH query (which Postgres always
 * runs to completion): one round trip, whatever the command changed.
 */
async function run(db: Queryable, writes: readonly Write[]): Promise<void> {
  const last = writes.at(-1);
  if (!last) return;
  const numbered = writes.map((write, index) => write.sql.replaceAll('$1', `$${index + 1}`));
  const withs = numbered.slice(0, -1).map((sql, index) => `w${index} AS (${sql})`);
  await db.query(`${withs.length ? `WITH ${withs.join(', ')} ` : ''}${numbered.at(-1) ?? ''}`, [
    ...writes.map((write) => write.rows),
  ]);
}

function history(recorded: readonly RecordedEvent[]): Write {
  return {
    sql: `INSERT INTO sprint_history
       SELECT * FROM json_populate_recordset(null::sprint_history, $1::json)`,
    rows: JSON.stringify(recorded.map(historyRow)),
  };
}

/** The read models as the command path keeps them: inline, in the command's transaction. */
export const sprintProjection: InlineProjection = {
  project: (client, { before, state, version, recorded }) =>
    projectSprint(client, before, state, version, recorded),
};
