import type { CriticalPath } from '../model/critical-path.js';
import { waitingFor } from '../model/rules.js';
import type { BlockerState, PhaseState, TaskState } from '../model/state.js';
import { isFlagged } from './clocks.js';

export interface ReadyTask {
  readonly task: TaskState;
  /** Hours it may slip before the sprint's finish moves: least first. */
  readonly slackHours: number;
  readonly critical: boolean;
}

export interface QueueSource {
  readonly tasks: readonly TaskState[];
  readonly phases: readonly Pick<PhaseState, 'number' | 'dependsOn' | 'status'>[];
  readonly blockers: readonly BlockerState[];
}

/**
 * What `agent` can start now, most urgent first: tasks assigned to it (or left by an agent that
 * went silent, which any agent may take), not started, nobody holding them, dependencies complete, no blocker that stops it (a P0, a P1 of its own, one on
 * the task) and not waiting for the coordinator after lost leases; ordered by slack on the
 * critical path, then phase order, then plan order. Exactly what `claimTask` would accept.
 */
export function readyTasks(source: QueueSource, agent: string, path: CriticalPath): ReadyTask[] {
  const phases = new Map(source.phases.map((phase, order) => [phase.number, { phase, order }]));
  const statuses = new Map(source.tasks.map((task) => [task.id, task.status]));
  const schedule = new Map(path.tasks.map((scheduled) => [scheduled.taskId, scheduled]));
  const open = source.blockers.filter((blocker) => blocker.status === 'OPEN');
  const agentStopped = open.some(
    (blocker) =>
      blocker.severity === 'P0' || (blocker.severity === 'P1' && blocker.agent === agent),
  );
  if (agentStopped) return [];
  const blockedTasks = new Set(open.map((blocker) => blocker.taskId));
  return source.tasks
    .map((task, order) => ({ task, order }))
    .filter(
      ({ task }) =>
        task.status === 'NOT_STARTED' &&
        (task.assignees.includes(agent) || task.leaseExpiries > 0) &&
        !isFlagged(task) &&
        !blockedTasks.has(task.id) &&
        waitingFor(
          task,
          (number) => phases.get(number)?.phase,
          (id) => statuses.get(id),
        ).length === 0,
    )
    .map(({ task, order }) => ({
      task,
      order,
      phaseOrder: phases.get(task.phase)?.order ?? 0,
      slackHours: schedule.get(task.id)?.slack ?? 0,
      critical: schedule.get(task.id)?.critical ?? false,
    }))
    .sort((a, b) => a.slackHours - b.slackHours || a.phaseOrder - b.phaseOrder || a.order - b.order)
    .map(({ task, slackHours, critical }) => ({ task, slackHours, critical }));
}
