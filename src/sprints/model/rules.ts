import { AppError } from '../../common/errors.js';
import {
  lookup,
  type AgentState,
  type BlockerState,
  type CheckpointState,
  type IssueState,
  type PhaseState,
  type SprintState,
  type TaskState,
} from './state.js';
import { coordinator, type IssueStatus, type PhaseStatus, type TaskStatus } from './vocabulary.js';

/**
 * The lookups and checks more than one seam's rules use. Each refuses with the AppError a client
 * sees, naming the input field at fault.
 */

export function requireTask(state: SprintState, taskId: string, field = 'taskId'): TaskState {
  const task = lookup(state.tasks, taskId);
  if (!task) throw new AppError('NOT_FOUND', `no task ${taskId} in sprint ${state.id}`, field);
  return task;
}

export function requireAgent(state: SprintState, name: string, field: string): AgentState {
  const agent = lookup(state.agents, name);
  if (!agent) throw new AppError('NOT_FOUND', `no agent ${name} in sprint ${state.id}`, field);
  return agent;
}

export function requireAgentOrCoordinator(state: SprintState, name: string, field: string): void {
  if (name !== coordinator) requireAgent(state, name, field);
}

export function requireAssignee(task: TaskState, agent: string): void {
  if (!task.assignees.includes(agent)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${agent} is not assigned to task ${task.id} (assignees: ${task.assignees.join(', ')})`,
      'agent',
    );
  }
}

/** A phase of the plan: one cancelled out of it is no longer there to be named. */
export function requirePhase(state: SprintState, phase: number, field: string): PhaseState {
  const found = lookup(state.phases, String(phase));
  if (!found || found.status === 'CANCELLED') {
    throw new AppError('NOT_FOUND', `no phase ${phase} in sprint ${state.id}`, field);
  }
  return found;
}

export function requireIssue(state: SprintState, issueId: string): IssueState {
  const issue = lookup(state.issues, issueId);
  if (!issue) throw new AppError('NOT_FOUND', `no issue ${issueId}`, 'issueId');
  return issue;
}

export function requireCheckpoint(state: SprintState, checkpointId: string): CheckpointState {
  const checkpoint = lookup(state.checkpoints, checkpointId);
  if (!checkpoint) throw new AppError('NOT_FOUND', `no checkpoint ${checkpointId}`, 'checkpointId');
  return checkpoint;
}

export function requireText(value: string, field: string): void {
  if (value.trim() === '') throw new AppError('VALIDATION_FAILED', `${field} is required`, field);
}

/** Ids are the entity's letter and its number in the sprint: B-1, I-3, C-12. */
export function nextId(prefix: string, records: Readonly<Record<string, unknown>>): string {
  return `${prefix}-${Object.keys(records).length + 1}`;
}

export function openBlockersOf(
  state: SprintState,
  matches: (blocker: BlockerState) => boolean,
): BlockerState[] {
  return Object.values(state.blockers).filter(
    (blocker) => blocker.status === 'OPEN' && matches(blocker),
  );
}

/** The moves a task may make; the `allowed` of an INVALID_TRANSITION. */
export const taskMoves: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  NOT_STARTED: ['IN_PROGRESS'],
  IN_PROGRESS: ['BLOCKED', 'COMPLETE'],
  BLOCKED: ['IN_PROGRESS'],
  COMPLETE: ['IN_PROGRESS'],
  CANCELLED: [],
};

/** The moves an issue may make; anything else is an INVALID_TRANSITION. */
export const issueMoves: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  OPEN: ['IN_PROGRESS'],
  IN_PROGRESS: ['FIXED'],
  FIXED: ['VALIDATED', 'OPEN'],
  VALIDATED: ['CLOSED', 'OPEN'],
  CLOSED: [],
};

/** An issue counts as resolved once its fix is validated. */
/** The statuses of an issue that counts as resolved. */
export const resolvedIssueStatuses: readonly IssueStatus[] = ['VALIDATED', 'CLOSED'];

export function isIssueResolved(issue: { readonly status: IssueStatus }): boolean {
  return resolvedIssueStatuses.includes(issue.status);
}

/** Nothing waits for what is complete, nor for what was cancelled out of the plan. */
const finished = (status: string | undefined) => status === 'COMPLETE' || status === 'CANCELLED';

/**
 * What a task waits for before it may start: the phases its phase depends on and the tasks it
 * depends on, each until complete. The decider refuses on it; the dashboard shows it.
 */
export function waitingFor(
  task: { readonly phase: number; readonly dependsOn: readonly string[] },
  phaseOf: (
    number: number,
  ) => { readonly dependsOn: readonly number[]; readonly status: PhaseStatus } | undefined,
  taskStatusOf: (id: string) => TaskStatus | undefined,
): string[] {
  return [
    ...(phaseOf(task.phase)?.dependsOn ?? [])
      .filter((number) => !finished(phaseOf(number)?.status))
      .map((number) => `Phase ${number}`),
    ...task.dependsOn.filter((id) => !finished(taskStatusOf(id))).map((id) => `Task ${id}`),
  ];
}

/** What `waitingFor` finds in the sprint's own state. */
export function waitingForInState(state: SprintState, task: TaskState): string[] {
  return waitingFor(
    task,
    (number) => lookup(state.phases, String(number)),
    (id) => lookup(state.tasks, id)?.status,
  );
}
