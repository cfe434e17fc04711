import type { Evolvers } from '../model/seam.js';
import { insert, update, type BlockerState, type SprintState } from '../model/state.js';
import type { BlockerEvent } from './blocker.events.js';

function changeBlocker(
  state: SprintState,
  blockerId: string,
  change: (blocker: BlockerState) => BlockerState,
): SprintState {
  return { ...state, blockers: update(state.blockers, blockerId, change) };
}

export const blockerEvolvers: Evolvers<BlockerEvent> = {
  TaskBlocked: (state, { data }) => ({
    ...state,
    tasks: update(state.tasks, data.taskId, (task) => ({ ...task, status: data.to })),
  }),
  TaskUnblocked: (state, { data }) => ({
    ...state,
    tasks: update(state.tasks, data.taskId, (task) => ({ ...task, status: data.to })),
  }),
  BlockerRaised: (state, { data }) => ({
    ...state,
    blockers: insert(state.blockers, data.blockerId, {
      id: data.blockerId,
      severity: data.severity,
      agent: data.agent,
      taskId: data.taskId,
      description: data.description,
      communicationId: data.communicationId,
      status: 'OPEN',
      raisedAt: data.at,
      resolvedAt: null,
      resolution: null,
      escalations: 0,
      escalatedTo: null,
    }),
  }),
  BlockerSeverityChanged: (state, { data }) =>
    changeBlocker(state, data.blockerId, (blocker) => ({ ...blocker, severity: data.to })),
  BlockerResolved: (state, { data }) =>
    changeBlocker(state, data.blockerId, (blocker) => ({
      ...blocker,
      status: 'RESOLVED',
      resolvedAt: data.at,
      resolution: data.resolution,
    })),
};
