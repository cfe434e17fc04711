import type { Communication, Sprint } from '../sprints/graphql/objects.js';
import type { SprintRows } from './dashboard.js';

/** The whole sprint, as the `Sprint` type shows it, from its read-model rows. */
export function sprintFromRows(rows: SprintRows): Sprint {
  const { overview } = rows;
  return {
    id: overview.sprintId,
    name: overview.name,
    branch: overview.branch,
    startDate: overview.startDate,
    targetHours: { min: overview.targetMin, max: overview.targetMax },
    criticalPathHours: overview.criticalPathHours,
    bufferedHours: overview.bufferedHours,
    status: overview.status,
    version: overview.version,
    plannedAt: overview.plannedAt,
    startedAt: overview.startedAt,
    completedAt: overview.completedAt,
    agents: rows.agents,
    phases: rows.phases.map((phase) => ({
      ...phase,
      estimateHours: { min: phase.estimateMin, max: phase.estimateMax },
      taskIds: rows.tasks.filter((task) => task.phase === phase.number).map((task) => task.id),
    })),
    tasks: rows.tasks,
    blockers: rows.blockers,
    issues: rows.issues,
    communications: rows.communications.map(communicationFromRow),
    checkpoints: rows.checkpoints.map(({ windowFrom, windowTo, ...checkpoint }) => ({
      ...checkpoint,
      hourWindow: { from: windowFrom, to: windowTo },
    })),
    deliverables: rows.deliverables,
    risks: rows.risks,
    qualityTargets: rows.qualityMetrics,
  };
}

/** A communication as the API shows it, from its read-model row (answer columns folded in). */
export function communicationFromRow(message: SprintRows['communications'][number]): Communication {
  return {
    id: message.id,
    at: message.at,
    from: message.fromAgent,
    to: message.toAgent,
    subject: message.subject,
    body: message.body,
    type: message.type,
    replyTo: message.replyTo,
    answer:
      message.answeredBy === null
        ? null
        : {
            by: message.answeredBy,
            body: message.answer ?? '',
            at: message.answeredAt ?? message.at,
          },
  };
}
