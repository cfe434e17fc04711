import type { Evolvers } from '../model/seam.js';
import { update, type SprintState, type TaskState } from '../model/state.js';
import type { TimingEvent } from './timing.events.js';

function changeTask(
  state: SprintState,
  taskId: string,
  change: (task: TaskState) => TaskState,
): SprintState {
  return { ...state, tasks: update(state.tasks, taskId, change) };
}

/** A task back in the ready queue: nobody works it, its hours so far stay. */
const requeued = (task: TaskState): TaskState => ({
  ...task,
  status: 'NOT_STARTED',
  activeAgent: null,
  startedAt: null,
  lease: null,
});

export const timingEvolvers: Evolvers<TimingEvent> = {
  TaskClaimed: (state, { data }) => ({
    ...changeTask(state, data.taskId, (task) => ({
      ...task,
      activeAgent: data.agent,
      lease: {
        agent: data.agent,
        claimedAt: data.at,
        renewedAt: data.at,
        expiresAt: data.expiresAt,
        note: null,
      },
    })),
    agents: update(state.agents, data.agent, (agent) => ({ ...agent, unresponsiveSince: null })),
  }),
  TaskLeaseRenewed: (state, { data }) =>
    changeTask(state, data.taskId, (task) => ({
      ...task,
      lease: task.lease && {
        ...task.lease,
        renewedAt: data.at,
        expiresAt: data.expiresAt,
        note: data.note,
      },
    })),
  TaskReleased: (state, { data }) => changeTask(state, data.taskId, requeued),
  TaskLeaseExpired: (state, { data }) => ({
    ...changeTask(state, data.taskId, (task) => ({
      ...requeued(task),
      leaseExpiries: data.expiries,
    })),
    agents: update(state.agents, data.agent, (agent) => ({
      ...agent,
      unresponsiveSince: agent.unresponsiveSince ?? data.expiredAt,
    })),
  }),
  BlockerEscalated: (state, { data }) => ({
    ...state,
    blockers: update(state.blockers, data.blockerId, (blocker) => ({
      ...blocker,
      escalations: data.level,
      escalatedTo: data.to,
      severity: data.severity?.to ?? blocker.severity,
    })),
  }),
  CheckpointOverdue: (state, { data }) => ({
    ...state,
    checkpoints: update(state.checkpoints, data.checkpointId, (checkpoint) => ({
      ...checkpoint,
      overdueAt: data.at,
    })),
  }),
};
