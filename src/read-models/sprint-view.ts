import type { Sprint } from '../sprints/graphql/objects.js';
import type { SprintRows } from './sprint-rows.js';

/** The whole sprint, as the `Sprint` type shows it, from its read-model rows. */
export function sprintFromRows(rows: SprintRows): Sprint {
  const taskIds = new Map<number, string[]>();
  for (const task of rows.tasks)
    taskIds.set(task.phase, [...(taskIds.get(task.phase) ?? []), task.id]);
  return {
    ...rows.overview,
    agents: rows.agents,
    phases: rows.phases.map((phase) => ({ ...phase, taskIds: taskIds.get(phase.number) ?? [] })),
    tasks: rows.tasks,
    blockers: rows.blockers,
    issues: rows.issues,
    communications: rows.communications,
    checkpoints: rows.checkpoints,
    deliverables: rows.deliverables,
    risks: rows.risks,
    qualityTargets: rows.qualityTargets,
  };
}
