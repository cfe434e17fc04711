import type { Draft } from '../model/event-kit.js';
import {
  lookup,
  type BlockerState,
  type CheckpointState,
  type SprintState,
  type TaskState,
  type TimingState,
} from '../model/state.js';
import {
  blockerSeverities,
  coordinator,
  maxLeaseExpiries,
  type BlockerSeverity,
} from '../model/vocabulary.js';
import type { TimingEvent } from './timing.events.js';

/**
 * What time passing means for a sprint, as pure functions of its state and `now`: when a lease
 * runs out, when a blocker is due to escalate, when a checkpoint is overdue, and the events
 * that are due. The timer records `dueEvents`; `nextDeadline` tells it when to look again.
 */

const minute = 60_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export function leaseExpiry(now: string, state: SprintState): string {
  return plus(now, state.timing.leaseSeconds * 1000);
}

/** A heartbeat renews (records an event) once half its lease has passed. */
export function renewalDue(state: SprintState, task: TaskState, now: string): boolean {
  const renewedAt = task.lease ? Date.parse(task.lease.renewedAt) : 0;
  return Date.parse(now) - renewedAt >= (state.timing.leaseSeconds * 1000) / 2;
}

export function leaseRunOut(task: TaskState, now: string): boolean {
  return task.lease !== null && Date.parse(task.lease.expiresAt) <= Date.parse(now);
}

/** Whether a task waits for the coordinator after too many expired leases. */
export function isFlagged(task: TaskState): boolean {
  return task.leaseExpiries >= maxLeaseExpiries;
}

/**
 * A lease's holder is slow, not dead, when it keeps heartbeating but the task has been held
 * longer than its estimate.
 */
export function isSlow(task: TaskState, now: string): boolean {
  if (!task.lease || leaseRunOut(task, now)) return false;
  return Date.parse(now) - Date.parse(task.lease.claimedAt) > task.estimateHours * 3_600_000;
}

/** Whether a blocker holds up the critical path: it is on a task of a critical-path phase. */
function onCriticalPath(state: SprintState, blocker: BlockerState): boolean {
  const task = blocker.taskId === null ? undefined : lookup(state.tasks, blocker.taskId);
  return task ? (lookup(state.phases, String(task.phase))?.criticalPath ?? false) : false;
}

/**
 * When each level of escalation falls due, measured from when the blocker was raised: at half
 * the time for a blocker on the critical path.
 */
export function escalationTimes(
  timing: TimingState,
  blocker: Pick<BlockerState, 'severity' | 'raisedAt'>,
  critical: boolean,
): readonly { readonly level: 1 | 2; readonly dueAt: string }[] {
  const sla = timing.blockerSla[blocker.severity];
  const scale = critical ? 0.5 : 1;
  return [
    { level: 1, dueAt: plus(blocker.raisedAt, sla.responseMinutes * minute * scale) },
    { level: 2, dueAt: plus(blocker.raisedAt, sla.resolutionMinutes * minute * scale) },
  ];
}

function escalationsOf(state: SprintState, blocker: BlockerState) {
  return escalationTimes(state.timing, blocker, onCriticalPath(state, blocker));
}

/** The end of a checkpoint's hour window, counted from the sprint's start. */
export function checkpointDueAt(
  sprint: Pick<SprintState, 'startedAt'>,
  checkpoint: Pick<CheckpointState, 'hourWindow'>,
): string | null {
  if (sprint.startedAt === null) return null;
  return plus(sprint.startedAt, checkpoint.hourWindow.to * 60 * minute);
}

function awaitsDecision(checkpoint: CheckpointState): boolean {
  return (
    checkpoint.overdueAt === null &&
    (checkpoint.status === 'PENDING' || checkpoint.status === 'IN_PROGRESS')
  );
}

/** Every deadline still ahead of the sprint's clocks, each with what falls due then. */
function* deadlinesOf(state: SprintState): Generator<string> {
  if (state.status === 'COMPLETE' || state.status === 'CANCELLED') return;
  for (const task of Object.values(state.tasks)) if (task.lease) yield task.lease.expiresAt;
  for (const blocker of Object.values(state.blockers)) {
    if (blocker.status !== 'OPEN') continue;
    const next = escalationsOf(state, blocker).find(({ level }) => level > blocker.escalations);
    if (next) yield next.dueAt;
  }
  for (const checkpoint of Object.values(state.checkpoints)) {
    const dueAt = awaitsDecision(checkpoint) ? checkpointDueAt(state, checkpoint) : null;
    if (dueAt) yield dueAt;
  }
}

/** The first moment something falls due, or null when nothing will. */
export function nextDeadline(state: SprintState): string | null {
  let first: string | null = null;
  for (const at of deadlinesOf(state)) if (first === null || at < first) first = at;
  return first;
}

const raised = (severity: BlockerSeverity): BlockerSeverity =>
  blockerSeverities[Math.max(blockerSeverities.indexOf(severity) - 1, 0)] ?? severity;

function escalationTo(state: SprintState, blocker: BlockerState, level: 1 | 2): string {
  const contact = state.escalation ?? coordinator;
  if (level === 2) return contact;
  return lookup(state.agents, blocker.agent)?.backup ?? contact;
}

function escalations(state: SprintState, now: string): Draft<TimingEvent>[] {
  return Object.values(state.blockers)
    .filter((blocker) => blocker.status === 'OPEN')
    .flatMap((blocker) => {
      let severity = blocker.severity;
      return escalationsOf(state, blocker)
        .filter(({ level, dueAt }) => level > blocker.escalations && dueAt <= now)
        .map(({ level, dueAt }) => {
          const to = state.timing.escalationRaisesSeverity ? raised(severity) : severity;
          const change = to === severity ? null : { from: severity, to };
          severity = to;
          return {
            type: 'BlockerEscalated' as const,
            blockerId: blocker.id,
            level,
            to: escalationTo(state, blocker, level),
            dueAt,
            severity: change,
          };
        });
    });
}

/** What falls due at `now`: expired leases, escalations, overdue checkpoints. */
export function dueEvents(state: SprintState, now: string): Draft<TimingEvent>[] {
  if (state.status === 'COMPLETE' || state.status === 'CANCELLED') return [];
  const expired = Object.values(state.tasks).flatMap((task) =>
    task.lease && leaseRunOut(task, now)
      ? [
          {
            type: 'TaskLeaseExpired' as const,
            taskId: task.id,
            agent: task.lease.agent,
            from: task.status === 'BLOCKED' ? ('BLOCKED' as const) : ('IN_PROGRESS' as const),
            to: 'NOT_STARTED' as const,
            expiredAt: task.lease.expiresAt,
            expiries: task.leaseExpiries + 1,
            flagged: task.leaseExpiries + 1 >= maxLeaseExpiries,
          },
        ]
      : [],
  );
  const overdue = Object.values(state.checkpoints).flatMap((checkpoint) => {
    const dueAt = awaitsDecision(checkpoint) ? checkpointDueAt(state, checkpoint) : null;
    return dueAt !== null && dueAt <= now
      ? [{ type: 'CheckpointOverdue' as const, checkpointId: checkpoint.id, dueAt }]
      : [];
  });
  return [...expired, ...escalations(state, now), ...overdue];
}
