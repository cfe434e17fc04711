import { sprintOf, type Sprint } from '../sprints/graphql/objects.js';
import type { SprintRows } from './sprint-rows.js';

/** The whole sprint, as the `Sprint` type shows it, from its read-model rows. */
export function sprintFromRows(rows: SprintRows): Sprint {
  const taskIds = new Map<number, string[]>();
  for (const task of rows.tasks) {
    const ids = taskIds.get(task.phase);
    if (ids) ids.push(task.id);
    else taskIds.set(task.phase, [task.id]);
  }
  const { overview, agents, tasks, blockers, issues, communications } = rows;
  const { checkpoints, deliverables, risks, qualityTargets, commands, nextSteps } = rows;
  return sprintOf({
    ...overview,
    agents,
    phases: rows.phases.map((phase) => ({ ...phase, taskIds: taskIds.get(phase.number) ?? [] })),
    tasks,
    blockers,
    issues,
    communications,
    checkpoints,
    deliverables,
    risks,
    qualityTargets,
    commands,
    nextSteps,
  });
}
