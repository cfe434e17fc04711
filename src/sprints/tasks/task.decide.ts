import { AppError } from '../../common/errors.js';
import {
  openBlockersOf,
  requireAgent,
  requireAssignee,
  requireTask,
  requireText,
  taskMoves,
  waitingForInState,
} from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import type { SprintState } from '../model/state.js';
import type { PlanEvent } from '../plan/plan.events.js';
import type { TaskEvent } from './task.events.js';

export type TaskCommand =
  | {
      readonly kind: 'StartTask';
      readonly taskId: string;
      readonly agent: string;
      /** A coordinator's reason to start before the dependencies are complete. */
      readonly forceReason?: string | null;
    }
  | {
      readonly kind: 'LogHours';
      readonly taskId: string;
      readonly agent: string;
      readonly hours: number;
      /** What the hours were spent on. */
      readonly note?: string | null;
    }
  | { readonly kind: 'CompleteTask'; readonly taskId: string }
  | { readonly kind: 'ReopenTask'; readonly taskId: string; readonly reason: string }
  | {
      readonly kind: 'ReassignTask';
      readonly taskId: string;
      readonly assignees: readonly string[];
    };

type Emitted = TaskEvent | Extract<PlanEvent, { type: 'SprintStarted' }>;

export const taskDeciders: Deciders<TaskCommand, Emitted> = {
  StartTask: startTask,
  LogHours(command, state) {
    const task = requireTask(state, command.taskId);
    requireAssignee(task, command.agent);
    if (!(command.hours > 0 && command.hours <= 24)) {
      throw new AppError('VALIDATION_FAILED', 'hours must be more than 0 and at most 24', 'hours');
    }
    if (task.status === 'NOT_STARTED' || task.status === 'CANCELLED') {
      const why = task.status === 'CANCELLED' ? 'was cancelled' : 'has not started';
      throw new AppError('INVALID_TRANSITION', `task ${task.id} ${why}`, 'taskId', {
        from: task.status,
        allowed: ['IN_PROGRESS'],
      });
    }
    const totalHours = Math.round((task.actualHours + command.hours) * 100) / 100;
    return [
      {
        type: 'HoursLogged',
        taskId: task.id,
        agent: command.agent,
        hours: command.hours,
        totalHours,
        note: command.note ?? null,
      },
    ];
  },
  CompleteTask(command, state) {
    const task = requireTask(state, command.taskId);
    if (task.status !== 'IN_PROGRESS') {
      const openBlockers = openBlockersOf(state, (blocker) => blocker.taskId === task.id);
      throw new AppError(
        'INVALID_TRANSITION',
        task.status === 'BLOCKED'
          ? `task ${task.id} is blocked by ${openBlockers.map((blocker) => blocker.id).join(', ')}`
          : `task ${task.id} is ${task.status}, only a task in progress can complete`,
        'taskId',
        { from: task.status, to: 'COMPLETE', allowed: taskMoves[task.status] },
      );
    }
    return [
      {
        type: 'TaskCompleted',
        taskId: task.id,
        from: 'IN_PROGRESS',
        to: 'COMPLETE',
        actualHours: task.actualHours,
      },
    ];
  },
  ReopenTask(command, state) {
    const task = requireTask(state, command.taskId);
    requireText(command.reason, 'reason');
    if (task.status !== 'COMPLETE') {
      throw new AppError('INVALID_TRANSITION', `task ${task.id} is not complete`, 'taskId', {
        from: task.status,
        to: 'IN_PROGRESS',
        allowed: taskMoves[task.status],
      });
    }
    return [
      {
        type: 'TaskReopened',
        taskId: task.id,
        from: 'COMPLETE',
        to: 'IN_PROGRESS',
        reason: command.reason,
      },
    ];
  },
  ReassignTask(command, state) {
    const task = requireTask(state, command.taskId);
    if (command.assignees.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'a task needs at least one assignee', 'assignees');
    }
    command.assignees.forEach((name, index) => requireAgent(state, name, `assignees[${index}]`));
    if (task.status === 'COMPLETE' || task.status === 'CANCELLED') {
      const status = task.status.toLowerCase();
      throw new AppError('INVALID_TRANSITION', `task ${task.id} is ${status}`, 'taskId', {
        from: task.status,
      });
    }
    return [
      {
        type: 'TaskReassigned',
        taskId: task.id,
        from: task.assignees,
        to: [...new Set(command.assignees)],
      },
    ];
  },
};

export function startTask(
  command: Extract<TaskCommand, { kind: 'StartTask' }>,
  state: SprintState,
): ReturnType<(typeof taskDeciders)['StartTask']> {
  const task = requireTask(state, command.taskId);
  requireAssignee(task, command.agent);
  if (task.status !== 'NOT_STARTED') {
    throw new AppError('INVALID_TRANSITION', `task ${task.id} is ${task.status}`, 'taskId', {
      from: task.status,
      to: 'IN_PROGRESS',
      allowed: taskMoves[task.status],
    });
  }
  const stopping = openBlockersOf(
    state,
    (blocker) =>
      blocker.severity === 'P0' ||
      (blocker.severity === 'P1' && blocker.agent === command.agent) ||
      blocker.taskId === task.id,
  );
  if (stopping.length > 0) {
    throw new AppError(
      'BLOCKED',
      `task ${task.id} cannot start while ${stopping.map((blocker) => `${blocker.id} (${blocker.severity})`).join(', ')} is open`,
      'taskId',
      { blockers: stopping.map((blocker) => blocker.id) },
    );
  }
  const waitingFor = waitingForInState(state, task);
  const forceReason = command.forceReason?.trim() ? command.forceReason : null;
  if (waitingFor.length > 0 && forceReason === null) {
    throw new AppError(
      'DEPENDENCY_NOT_MET',
      `task ${task.id} is awaiting ${waitingFor.join(', ')} completion`,
      'taskId',
      { waitingFor },
    );
  }
  return [
    ...(state.status === 'PLANNED'
      ? [{ type: 'SprintStarted', from: 'PLANNED', to: 'ACTIVE' } as const]
      : []),
    {
      type: 'TaskStarted',
      taskId: task.id,
      agent: command.agent,
      from: 'NOT_STARTED',
      to: 'IN_PROGRESS',
      forcedReason: waitingFor.length > 0 ? forceReason : null,
    },
  ];
}
