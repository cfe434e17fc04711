import { AppError } from '../../common/errors.js';
import { requireCheckpoint, requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup, type CheckpointState } from '../model/state.js';
import type { CheckpointStatus } from '../model/vocabulary.js';
import type { CheckpointEvent } from './checkpoint.events.js';

export type CheckpointCommand =
  | { readonly kind: 'StartCheckpoint'; readonly checkpointId: string }
  | { readonly kind: 'PassCheckpoint'; readonly checkpointId: string; readonly result: string }
  | { readonly kind: 'FailCheckpoint'; readonly checkpointId: string; readonly reason: string };

const checkpointMoves: Readonly<Record<CheckpointStatus, readonly CheckpointStatus[]>> = {
  PENDING: ['IN_PROGRESS', 'PASSED', 'FAILED'],
  IN_PROGRESS: ['PASSED', 'FAILED'],
  PASSED: [],
  FAILED: ['IN_PROGRESS'],
  CANCELLED: [],
};

/** A checkpoint that may be decided now: pending or under review. */
function requireUndecided(
  checkpoint: CheckpointState,
  to: CheckpointStatus,
): CheckpointState & { status: 'PENDING' | 'IN_PROGRESS' } {
  if (checkpoint.status !== 'PENDING' && checkpoint.status !== 'IN_PROGRESS') {
    throw new AppError(
      'INVALID_TRANSITION',
      `checkpoint ${checkpoint.id} is already ${checkpoint.status}`,
      'checkpointId',
      { from: checkpoint.status, to, allowed: checkpointMoves[checkpoint.status] },
    );
  }
  return checkpoint as CheckpointState & { status: 'PENDING' | 'IN_PROGRESS' };
}

export const checkpointDeciders: Deciders<CheckpointCommand, CheckpointEvent> = {
  StartCheckpoint(command, state) {
    const checkpoint = requireCheckpoint(state, command.checkpointId);
    if (checkpoint.status !== 'PENDING' && checkpoint.status !== 'FAILED') {
      throw new AppError(
        'INVALID_TRANSITION',
        `checkpoint ${checkpoint.id} is ${checkpoint.status}`,
        'checkpointId',
        { from: checkpoint.status, to: 'IN_PROGRESS', allowed: checkpointMoves[checkpoint.status] },
      );
    }
    return [
      {
        type: 'CheckpointStarted',
        checkpointId: checkpoint.id,
        from: checkpoint.status,
        to: 'IN_PROGRESS',
      },
    ];
  },
  PassCheckpoint(command, state) {
    const checkpoint = requireUndecided(requireCheckpoint(state, command.checkpointId), 'PASSED');
    const phase = lookup(state.phases, String(checkpoint.phase));
    if (phase?.status !== 'COMPLETE') {
      throw new AppError(
        'DEPENDENCY_NOT_MET',
        `checkpoint ${checkpoint.id} passes only once Phase ${checkpoint.phase} is complete`,
        'checkpointId',
        { waitingFor: [`Phase ${checkpoint.phase}`] },
      );
    }
    return [
      {
        type: 'CheckpointPassed',
        checkpointId: checkpoint.id,
        from: checkpoint.status,
        to: 'PASSED',
        result: command.result.trim() === '' ? 'Criteria met' : command.result,
      },
    ];
  },
  FailCheckpoint(command, state) {
    const checkpoint = requireUndecided(requireCheckpoint(state, command.checkpointId), 'FAILED');
    requireText(command.reason, 'reason');
    return [
      {
        type: 'CheckpointFailed',
        checkpointId: checkpoint.id,
        from: checkpoint.status,
        to: 'FAILED',
        reason: command.reason,
      },
    ];
  },
};
