import type { Evolvers } from '../model/seam.js';
import { update, type CheckpointState, type SprintState } from '../model/state.js';
import type { CheckpointEvent } from './checkpoint.events.js';

function decided(
  state: SprintState,
  checkpointId: string,
  status: CheckpointState['status'],
  result: string,
  at: string,
): SprintState {
  return {
    ...state,
    checkpoints: update(state.checkpoints, checkpointId, (checkpoint) => ({
      ...checkpoint,
      status,
      result,
      startedAt: checkpoint.startedAt ?? at,
      decidedAt: at,
    })),
  };
}

export const checkpointEvolvers: Evolvers<CheckpointEvent> = {
  CheckpointStarted: (state, { data }) => ({
    ...state,
    checkpoints: update(state.checkpoints, data.checkpointId, (checkpoint) => ({
      ...checkpoint,
      status: 'IN_PROGRESS',
      result: null,
      startedAt: data.at,
      decidedAt: null,
    })),
  }),
  CheckpointPassed: (state, { data }) =>
    decided(state, data.checkpointId, data.to, data.result, data.at),
  CheckpointFailed: (state, { data }) =>
    decided(state, data.checkpointId, data.to, data.reason, data.at),
};
