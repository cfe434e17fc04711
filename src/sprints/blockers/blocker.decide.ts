import { AppError } from '../../common/errors.js';
import type { Draft } from '../model/event-kit.js';
import { nextId, openBlockersOf, requireAgent, requireTask, requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup, type BlockerState, type SprintState } from '../model/state.js';
import type { BlockerSeverity } from '../model/vocabulary.js';
import type { BlockerEvent } from './blocker.events.js';

export type BlockerCommand =
  | {
      readonly kind: 'RaiseBlocker';
      readonly severity: BlockerSeverity;
      readonly agent: string;
      readonly taskId?: string | null;
      readonly description: string;
    }
  | {
      readonly kind: 'ChangeBlockerSeverity';
      readonly blockerId: string;
      readonly severity: BlockerSeverity;
      readonly reason?: string | null;
    }
  | { readonly kind: 'ResolveBlocker'; readonly blockerId: string; readonly resolution: string };

export const blockerDeciders: Deciders<BlockerCommand, BlockerEvent> = {
  RaiseBlocker: (command, state) => raiseBlocker(state, command, null),
  ChangeBlockerSeverity(command, state) {
    const blocker = requireOpenBlocker(state, command.blockerId);
    if (blocker.severity === command.severity) {
      throw new AppError(
        'INVALID_TRANSITION',
        `blocker ${blocker.id} is already ${blocker.severity}`,
        'severity',
      );
    }
    return [
      {
        type: 'BlockerSeverityChanged',
        blockerId: blocker.id,
        from: blocker.severity,
        to: command.severity,
        reason: command.reason ?? null,
      },
    ];
  },
  ResolveBlocker(command, state) {
    const blocker = requireOpenBlocker(state, command.blockerId);
    requireText(command.resolution, 'resolution');
    const task = blocker.taskId === null ? undefined : lookup(state.tasks, blocker.taskId);
    const othersOnTask = openBlockersOf(
      state,
      (other) => other.taskId === blocker.taskId && other.id !== blocker.id,
    );
    const unblocks = task?.status === 'BLOCKED' && othersOnTask.length === 0;
    return [
      {
        type: 'BlockerResolved',
        blockerId: blocker.id,
        from: 'OPEN',
        to: 'RESOLVED',
        resolution: command.resolution,
      },
      ...(task && unblocks
        ? [
            {
              type: 'TaskUnblocked',
              taskId: task.id,
              from: 'BLOCKED',
              to: 'IN_PROGRESS',
              blockerId: blocker.id,
            } as const,
          ]
        : []),
    ];
  },
};

/**
 * Opens a blocker, and stops its task if the task is in progress. A BLOCKER message opens one
 * too (communicationId set), naming its task under the message's `blocker`.
 */
export function raiseBlocker(
  state: SprintState,
  command: Omit<Extract<BlockerCommand, { kind: 'RaiseBlocker' }>, 'kind'>,
  communicationId: string | null,
): Draft<BlockerEvent>[] {
  requireAgent(state, command.agent, 'agent');
  requireText(command.description, 'description');
  const taskId = command.taskId ?? null;
  const taskField = communicationId === null ? 'taskId' : 'blocker.taskId';
  const task = taskId === null ? null : requireTask(state, taskId, taskField);
  if (task?.status === 'CANCELLED') {
    throw new AppError('INVALID_TRANSITION', `task ${task.id} was cancelled`, taskField, {
      from: task.status,
      allowed: [],
    });
  }
  const blockerId = nextId('B', state.blockers);
  return [
    {
      type: 'BlockerRaised',
      blockerId,
      severity: command.severity,
      agent: command.agent,
      taskId,
      description: command.description,
      communicationId,
    },
    ...(task?.status === 'IN_PROGRESS'
      ? [
          {
            type: 'TaskBlocked',
            taskId: task.id,
            from: 'IN_PROGRESS',
            to: 'BLOCKED',
            blockerId,
          } as const,
        ]
      : []),
  ];
}

function requireOpenBlocker(state: SprintState, blockerId: string): BlockerState {
  const blocker = lookup(state.blockers, blockerId);
  if (!blocker) throw new AppError('NOT_FOUND', `no blocker ${blockerId}`, 'blockerId');
  if (blocker.status !== 'OPEN') {
    throw new AppError('INVALID_TRANSITION', `blocker ${blockerId} is resolved`, 'blockerId', {
      from: blocker.status,
      allowed: [],
    });
  }
  return blocker;
}
