import { AppError } from '../../common/errors.js';
import type { Draft } from '../model/event-kit.js';
import { requireAgent, requireAssignee, requireTask, taskMoves } from '../model/rules.js';
import type { Deciders, DecisionContext } from '../model/seam.js';
import { update, type SprintState, type TaskState } from '../model/state.js';
import { maxLeaseExpiries } from '../model/vocabulary.js';
import type { PlanEvent } from '../plan/plan.events.js';
import { startTask } from '../tasks/task.decide.js';
import type { TaskEvent } from '../tasks/task.events.js';
import { dueEvents, isFlagged, leaseExpiry, leaseRunOut, renewalDue } from './clocks.js';
import type { TimingEvent } from './timing.events.js';

export type TimingCommand =
  | { readonly kind: 'ClaimTask'; readonly taskId: string; readonly agent: string }
  | {
      readonly kind: 'Heartbeat';
      readonly taskId: string;
      readonly agent: string;
      /** A short word on progress, kept with the lease. */
      readonly note?: string | null;
    }
  | {
      readonly kind: 'ReleaseTask';
      readonly taskId: string;
      readonly agent: string;
      readonly reason?: string | null;
    }
  /** The service's own: record what has fallen due by now. */
  | { readonly kind: 'PassTime' };

type Emitted = TimingEvent | TaskEvent | Extract<PlanEvent, { type: 'SprintStarted' }>;

export const timingDeciders: Deciders<TimingCommand, Emitted> = {
  ClaimTask: claimTask,
  Heartbeat(command, state, { now }) {
    const task = heldBy(state, command.taskId, command.agent, now);
    const note = command.note?.trim() ? command.note.trim() : null;
    const lease = task.lease;
    const newNote = note !== null && note !== lease?.note;
    if (!renewalDue(state, task, now) && !newNote) return [];
    return [
      {
        type: 'TaskLeaseRenewed',
        taskId: task.id,
        agent: command.agent,
        expiresAt: leaseExpiry(now, state),
        note: note ?? lease?.note ?? null,
      },
    ];
  },
  ReleaseTask(command, state, { now }) {
    const task = heldBy(state, command.taskId, command.agent, now);
    return [
      {
        type: 'TaskReleased',
        taskId: task.id,
        agent: command.agent,
        from: task.status === 'BLOCKED' ? 'BLOCKED' : 'IN_PROGRESS',
        to: 'NOT_STARTED',
        reason: command.reason?.trim() ? command.reason : null,
      },
    ];
  },
  PassTime: (_command, state, { now }) => dueEvents(state, now),
};

/**
 * A task back in the queue because its holder went silent is open to every agent of the
 * sprint, not only its assignees: claiming it adds the claimer to them.
 */
function isOrphaned(task: TaskState, agent: string): boolean {
  return (
    task.status === 'NOT_STARTED' &&
    task.leaseExpiries > 0 &&
    !isFlagged(task) &&
    !task.assignees.includes(agent)
  );
}

function claimOrphan(
  task: TaskState,
  agent: string,
  state: SprintState,
  context: DecisionContext,
): Draft<Emitted>[] {
  const claimer = requireAgent(state, agent, 'agent');
  if (claimer.status === 'RETIRED') {
    throw new AppError('INVALID_TRANSITION', `agent ${agent} is retired`, 'agent');
  }
  const assignees = [...task.assignees, agent];
  const joined = { ...state, tasks: update(state.tasks, task.id, (t) => ({ ...t, assignees })) };
  return [
    { type: 'TaskReassigned', taskId: task.id, from: task.assignees, to: assignees },
    ...claimTask({ kind: 'ClaimTask', taskId: task.id, agent }, joined, context),
  ];
}

/** The task, if `agent` holds a lease on it that has not run out. */
function heldBy(state: SprintState, taskId: string, agent: string, now: string): TaskState {
  const task = requireTask(state, taskId);
  if (task.lease?.agent !== agent || leaseRunOut(task, now)) {
    throw new AppError(
      'LEASE_LOST',
      task.lease?.agent === agent
        ? `${agent}'s lease on task ${task.id} ran out at ${task.lease.expiresAt}: claim it again`
        : `${agent} holds no lease on task ${task.id}`,
      'taskId',
      { holder: task.lease?.agent ?? null },
    );
  }
  return task;
}

/**
 * A claim takes a task with a lease: from the queue (starting it, by startTask's rules), or one
 * the agent started without a lease. A claim on a task someone else holds is refused, so of
 * two agents claiming one task exactly one wins; the holder claiming again renews.
 */
function claimTask(
  command: Extract<TimingCommand, { kind: 'ClaimTask' }>,
  state: SprintState,
  context: DecisionContext,
): Draft<Emitted>[] {
  const task = requireTask(state, command.taskId);
  if (isOrphaned(task, command.agent)) return claimOrphan(task, command.agent, state, context);
  const working = task.status === 'IN_PROGRESS' || task.status === 'BLOCKED';
  const holder = task.lease?.agent ?? (working ? task.activeAgent : null);
  if (holder !== null && holder !== command.agent) {
    throw new AppError('ALREADY_CLAIMED', `task ${task.id} is held by ${holder}`, 'taskId', {
      holder,
      expiresAt: task.lease?.expiresAt ?? null,
    });
  }
  requireAssignee(task, command.agent);
  const expiresAt = leaseExpiry(context.now, state);
  if (holder === command.agent && task.lease) {
    return [
      {
        type: 'TaskLeaseRenewed',
        taskId: task.id,
        agent: holder,
        expiresAt,
        note: task.lease.note,
      },
    ];
  }
  const claimed = {
    type: 'TaskClaimed',
    taskId: task.id,
    agent: command.agent,
    leaseSeconds: state.timing.leaseSeconds,
    expiresAt,
  } as const;
  if (working) return [claimed];
  if (task.status !== 'NOT_STARTED') {
    throw new AppError('INVALID_TRANSITION', `task ${task.id} is ${task.status}`, 'taskId', {
      from: task.status,
      to: 'IN_PROGRESS',
      allowed: taskMoves[task.status],
    });
  }
  if (isFlagged(task)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `task ${task.id} lost ${maxLeaseExpiries} leases and waits for the coordinator to reassign it`,
      'taskId',
      { expiries: task.leaseExpiries },
    );
  }
  return [
    ...startTask({ kind: 'StartTask', taskId: task.id, agent: command.agent }, state),
    claimed,
  ];
}
