import type { Evolvers } from '../model/seam.js';
import { update, type SprintState, type TaskState } from '../model/state.js';
import { maxLeaseExpiries } from '../model/vocabulary.js';
import type { TaskEvent } from './task.events.js';

function changeTask(
  state: SprintState,
  taskId: string,
  change: (task: TaskState) => TaskState,
): SprintState {
  return { ...state, tasks: update(state.tasks, taskId, change) };
}

export const taskEvolvers: Evolvers<TaskEvent> = {
  TaskStarted: (state, { data }) =>
    changeTask(state, data.taskId, (task) => ({
      ...task,
      status: 'IN_PROGRESS',
      activeAgent: data.agent,
      forcedReason: data.forcedReason,
      startedAt: data.at,
    })),
  HoursLogged: (state, { data }) =>
    changeTask(state, data.taskId, (task) => ({ ...task, actualHours: data.totalHours })),
  TaskCompleted: (state, { data }) =>
    changeTask(state, data.taskId, (task) => ({
      ...task,
      status: 'COMPLETE',
      completedAt: data.at,
      lease: null,
    })),
  TaskReopened: (state, { data }) =>
    changeTask(state, data.taskId, (task) => ({
      ...task,
      status: 'IN_PROGRESS',
      completedAt: null,
    })),
  TaskReassigned: (state, { data }) =>
    changeTask(state, data.taskId, (task) => ({
      ...task,
      assignees: data.to,
      // A reassignment settles a task waiting for the coordinator after too many lost leases.
      leaseExpiries: task.leaseExpiries >= maxLeaseExpiries ? 0 : task.leaseExpiries,
      lease: task.lease && data.to.includes(task.lease.agent) ? task.lease : null,
      activeAgent:
        task.activeAgent !== null && data.to.includes(task.activeAgent)
          ? task.activeAgent
          : (data.to[0] ?? null),
    })),
};
