import { AppError } from '../common/errors.js';
import type {
  BlockerSeverity,
  CommunicationType,
  IssueStatus,
  RiskStatus,
  SprintEvent,
  SprintPlan,
} from './sprint.events.js';
import {
  derivedAgentStatus,
  derivedPhaseStatus,
  evolve,
  lookup,
  type BlockerState,
  type SprintState,
  type TaskState,
} from './sprint.state.js';

/** Everything an agent or coordinator can ask of a sprint. */
export type SprintCommand =
  | { readonly kind: 'PlanSprint'; readonly plan: SprintPlan }
  | { readonly kind: 'CompleteSprint' }
  | { readonly kind: 'DeclareAgentReady'; readonly agent: string }
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
    }
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
  | { readonly kind: 'ResolveBlocker'; readonly blockerId: string; readonly resolution: string }
  | {
      readonly kind: 'ReportIssue';
      readonly severity: BlockerSeverity;
      readonly title: string;
      readonly description?: string | null;
      readonly phase?: number | null;
      readonly assignee?: string | null;
      /** The agent who reports it, if an agent does. */
      readonly reportedBy?: string | null;
    }
  | { readonly kind: 'AssignIssue'; readonly issueId: string; readonly assignee: string }
  | {
      readonly kind: 'MoveIssue';
      readonly issueId: string;
      readonly to: IssueStatus;
      readonly note?: string | null;
    }
  | {
      readonly kind: 'LogCommunication';
      readonly from: string;
      readonly to?: string | null;
      readonly subject: string;
      readonly body: string;
      readonly type: CommunicationType;
      readonly replyTo?: string | null;
      /** Only with type BLOCKER: open this blocker in the same step. */
      readonly blocker?: {
        readonly severity: BlockerSeverity;
        readonly taskId?: string | null;
      } | null;
    }
  | {
      readonly kind: 'AnswerCommunication';
      readonly communicationId: string;
      readonly answeredBy: string;
      readonly answer: string;
    }
  | { readonly kind: 'StartCheckpoint'; readonly checkpointId: string }
  | { readonly kind: 'PassCheckpoint'; readonly checkpointId: string; readonly result: string }
  | { readonly kind: 'FailCheckpoint'; readonly checkpointId: string; readonly reason: string }
  | { readonly kind: 'CompleteDeliverable'; readonly deliverableId: string }
  | { readonly kind: 'ReopenDeliverable'; readonly deliverableId: string; readonly reason: string }
  | {
      readonly kind: 'ChangeRiskStatus';
      readonly riskId: string;
      readonly status: RiskStatus;
      readonly note?: string | null;
    }
  | { readonly kind: 'RecordQualityMetric'; readonly metric: string; readonly value: string };

export interface DecisionContext {
  /** The time of the decision, ISO 8601: the decider never reads a clock. */
  readonly now: string;
}

/** The moves an issue may make; anything else is an INVALID_TRANSITION. */
export const issueMoves: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  OPEN: ['IN_PROGRESS'],
  IN_PROGRESS: ['FIXED'],
  FIXED: ['VALIDATED', 'OPEN'],
  VALIDATED: ['CLOSED', 'OPEN'],
  CLOSED: [],
};

type EventOf<Type extends SprintEvent['type']> = Extract<SprintEvent, { type: Type }>;
type Draft = { [Type in SprintEvent['type']]: Omit<EventOf<Type>['data'], 'at'> & { type: Type } };
type DraftEvent = Draft[SprintEvent['type']];

/**
 * Decides what a command means for a sprint: the events to record, or an AppError saying which
 * rule refused it. Pure: the same state, command and time give the same events.
 */
export function decide(
  command: SprintCommand,
  state: SprintState | null,
  context: DecisionContext,
): SprintEvent[] {
  if (command.kind === 'PlanSprint') {
    if (state !== null) {
      throw new AppError('ALREADY_EXISTS', `sprint ${state.id} is already planned`, 'plan.key');
    }
    validatePlan(command.plan);
    return stamp([{ type: 'SprintPlanned', plan: command.plan }], context);
  }
  if (state === null) throw new AppError('NOT_FOUND', 'no such sprint', 'sprintId');
  if (state.status === 'COMPLETE') {
    throw new AppError('INVALID_TRANSITION', `sprint ${state.id} is complete`, 'sprintId', {
      from: 'COMPLETE',
      allowed: [],
    });
  }
  const events = stamp(decideOnPlanned(command, state), context);
  return [...events, ...consequences(state, events, context)];
}

function stamp(drafts: readonly DraftEvent[], context: DecisionContext): SprintEvent[] {
  return drafts.map(
    ({ type, ...data }) => ({ type, data: { ...data, at: context.now } }) as SprintEvent,
  );
}

/** Status changes that follow from the work: agents and phases, recorded as facts of their own. */
function consequences(
  before: SprintState,
  events: readonly SprintEvent[],
  context: DecisionContext,
): SprintEvent[] {
  const after = fold(before, events);
  const drafts: DraftEvent[] = [];
  for (const phase of Object.values(after.phases)) {
    const to = derivedPhaseStatus(after, phase);
    if (to !== phase.status) {
      drafts.push({ type: 'PhaseStatusChanged', phase: phase.number, from: phase.status, to });
    }
  }
  for (const agent of Object.values(after.agents)) {
    const to = derivedAgentStatus(after, agent);
    if (to !== agent.status) {
      drafts.push({ type: 'AgentStatusChanged', agent: agent.name, from: agent.status, to });
    }
  }
  return stamp(drafts, context);
}

export function fold(state: SprintState | null, events: readonly SprintEvent[]): SprintState {
  const result = events.reduce<SprintState | null>(evolve, state);
  if (result === null) throw new Error('no SprintPlanned event');
  return result;
}

function decideOnPlanned(command: SprintCommand, state: SprintState): DraftEvent[] {
  switch (command.kind) {
    case 'PlanSprint':
      throw new AppError('ALREADY_EXISTS', `sprint ${state.id} is already planned`, 'plan.key');
    case 'CompleteSprint': {
      const open = Object.values(state.phases).filter((phase) => phase.status !== 'COMPLETE');
      if (state.status !== 'ACTIVE' || open.length > 0) {
        throw new AppError(
          'INVALID_TRANSITION',
          `sprint ${state.id} can complete once active with every phase complete`,
          'sprintId',
          { from: state.status, waitingFor: open.map((phase) => `Phase ${phase.number}`) },
        );
      }
      return [{ type: 'SprintCompleted', from: 'ACTIVE', to: 'COMPLETE' }];
    }
    case 'DeclareAgentReady': {
      const agent = requireAgent(state, command.agent, 'agent');
      if (agent.declaredReady) {
        throw new AppError('INVALID_TRANSITION', `${agent.name} is already ready`, 'agent');
      }
      return [{ type: 'AgentDeclaredReady', agent: agent.name }];
    }
    case 'StartTask':
      return startTask(state, command);
    case 'LogHours': {
      const task = requireTask(state, command.taskId);
      requireAssignee(task, command.agent);
      if (!(command.hours > 0 && command.hours <= 24)) {
        throw new AppError(
          'VALIDATION_FAILED',
          'hours must be more than 0 and at most 24',
          'hours',
        );
      }
      if (task.status === 'NOT_STARTED') {
        throw new AppError('INVALID_TRANSITION', `task ${task.id} has not started`, 'taskId', {
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
    }
    case 'CompleteTask': {
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
    }
    case 'ReopenTask': {
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
    }
    case 'ReassignTask': {
      const task = requireTask(state, command.taskId);
      if (command.assignees.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'a task needs at least one assignee', 'assignees');
      }
      command.assignees.forEach((name, index) => requireAgent(state, name, `assignees[${index}]`));
      if (task.status === 'COMPLETE') {
        throw new AppError('INVALID_TRANSITION', `task ${task.id} is complete`, 'taskId', {
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
    }
    case 'RaiseBlocker':
      return raiseBlocker(state, command, null);
    case 'ChangeBlockerSeverity': {
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
    }
    case 'ResolveBlocker': {
      const blocker = requireOpenBlocker(state, command.blockerId);
      requireText(command.resolution, 'resolution');
      const drafts: DraftEvent[] = [
        {
          type: 'BlockerResolved',
          blockerId: blocker.id,
          from: 'OPEN',
          to: 'RESOLVED',
          resolution: command.resolution,
        },
      ];
      const task = blocker.taskId === null ? undefined : lookup(state.tasks, blocker.taskId);
      const othersOnTask = openBlockersOf(
        state,
        (other) => other.taskId === blocker.taskId && other.id !== blocker.id,
      );
      if (task?.status === 'BLOCKED' && othersOnTask.length === 0) {
        drafts.push({
          type: 'TaskUnblocked',
          taskId: task.id,
          from: 'BLOCKED',
          to: 'IN_PROGRESS',
          blockerId: blocker.id,
        });
      }
      return drafts;
    }
    case 'ReportIssue': {
      requireText(command.title, 'title');
      const phase = command.phase ?? null;
      if (phase !== null) requirePhase(state, phase, 'phase');
      const assignee = command.assignee ?? null;
      if (assignee !== null) requireAgent(state, assignee, 'assignee');
      const reportedBy = command.reportedBy ?? null;
      if (reportedBy !== null) requireAgent(state, reportedBy, 'reportedBy');
      return [
        {
          type: 'IssueReported',
          issueId: nextId('I', state.issues),
          severity: command.severity,
          title: command.title,
          description: command.description ?? null,
          phase,
          assignee,
          reportedBy,
        },
      ];
    }
    case 'AssignIssue': {
      const issue = requireIssue(state, command.issueId);
      requireAgent(state, command.assignee, 'assignee');
      if (issue.assignee === command.assignee) {
        throw new AppError(
          'INVALID_TRANSITION',
          `issue ${issue.id} is already assigned to ${command.assignee}`,
          'assignee',
        );
      }
      return [
        { type: 'IssueAssigned', issueId: issue.id, from: issue.assignee, to: command.assignee },
      ];
    }
    case 'MoveIssue': {
      const issue = requireIssue(state, command.issueId);
      const allowed = issueMoves[issue.status];
      if (!allowed.includes(command.to)) {
        throw new AppError(
          'INVALID_TRANSITION',
          `issue ${issue.id} cannot move from ${issue.status} to ${command.to}; allowed: ${allowed.join(', ') || 'none'}`,
          'to',
          { from: issue.status, to: command.to, allowed },
        );
      }
      return [
        {
          type: 'IssueStatusChanged',
          issueId: issue.id,
          from: issue.status,
          to: command.to,
          note: command.note ?? null,
        },
      ];
    }
    case 'LogCommunication':
      return logCommunication(state, command);
    case 'AnswerCommunication': {
      const message = lookup(state.communications, command.communicationId);
      if (!message) {
        throw new AppError(
          'NOT_FOUND',
          `no communication ${command.communicationId}`,
          'communicationId',
        );
      }
      requireAgentOrCoordinator(state, command.answeredBy, 'answeredBy');
      requireText(command.answer, 'answer');
      if (message.type !== 'REQUEST' && message.type !== 'QUESTION') {
        throw new AppError(
          'INVALID_TRANSITION',
          `only requests and questions are answered; ${message.id} is a ${message.type}`,
          'communicationId',
        );
      }
      if (message.answer !== null) {
        throw new AppError(
          'INVALID_TRANSITION',
          `${message.id} is already answered`,
          'communicationId',
        );
      }
      return [
        {
          type: 'CommunicationAnswered',
          communicationId: message.id,
          answeredBy: command.answeredBy,
          answer: command.answer,
        },
      ];
    }
    case 'StartCheckpoint': {
      const checkpoint = requireCheckpoint(state, command.checkpointId);
      if (checkpoint.status !== 'PENDING' && checkpoint.status !== 'FAILED') {
        throw new AppError(
          'INVALID_TRANSITION',
          `checkpoint ${checkpoint.id} is ${checkpoint.status}`,
          'checkpointId',
          {
            from: checkpoint.status,
            to: 'IN_PROGRESS',
            allowed: checkpointMoves[checkpoint.status],
          },
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
    }
    case 'PassCheckpoint':
    case 'FailCheckpoint': {
      const checkpoint = requireCheckpoint(state, command.checkpointId);
      const to = command.kind === 'PassCheckpoint' ? 'PASSED' : 'FAILED';
      if (checkpoint.status !== 'PENDING' && checkpoint.status !== 'IN_PROGRESS') {
        throw new AppError(
          'INVALID_TRANSITION',
          `checkpoint ${checkpoint.id} is already ${checkpoint.status}`,
          'checkpointId',
          { from: checkpoint.status, to, allowed: checkpointMoves[checkpoint.status] },
        );
      }
      if (command.kind === 'FailCheckpoint') {
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
      }
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
    }
    case 'CompleteDeliverable':
    case 'ReopenDeliverable': {
      const deliverable = lookup(state.deliverables, command.deliverableId);
      if (!deliverable) {
        throw new AppError('NOT_FOUND', `no deliverable ${command.deliverableId}`, 'deliverableId');
      }
      const done = command.kind === 'CompleteDeliverable';
      if (deliverable.done === done) {
        throw new AppError(
          'INVALID_TRANSITION',
          `deliverable ${deliverable.id} is already ${done ? 'done' : 'not done'}`,
          'deliverableId',
        );
      }
      if (command.kind === 'CompleteDeliverable') {
        return [
          { type: 'DeliverableCompleted', deliverableId: deliverable.id, from: false, to: true },
        ];
      }
      requireText(command.reason, 'reason');
      return [
        {
          type: 'DeliverableReopened',
          deliverableId: deliverable.id,
          from: true,
          to: false,
          reason: command.reason,
        },
      ];
    }
    case 'ChangeRiskStatus': {
      const risk = lookup(state.risks, command.riskId);
      if (!risk) throw new AppError('NOT_FOUND', `no risk ${command.riskId}`, 'riskId');
      if (risk.status === command.status) {
        throw new AppError(
          'INVALID_TRANSITION',
          `risk ${risk.id} is already ${risk.status}`,
          'status',
        );
      }
      return [
        {
          type: 'RiskStatusChanged',
          riskId: risk.id,
          from: risk.status,
          to: command.status,
          note: command.note ?? null,
        },
      ];
    }
    case 'RecordQualityMetric': {
      if (lookup(state.qualityTargets, command.metric) === undefined) {
        throw new AppError('NOT_FOUND', `no quality target ${command.metric}`, 'metric', {
          known: Object.keys(state.qualityTargets),
        });
      }
      requireText(command.value, 'value');
      return [{ type: 'QualityMetricRecorded', metric: command.metric, value: command.value }];
    }
  }
}

const taskMoves: Readonly<Record<TaskState['status'], readonly string[]>> = {
  NOT_STARTED: ['IN_PROGRESS'],
  IN_PROGRESS: ['BLOCKED', 'COMPLETE'],
  BLOCKED: ['IN_PROGRESS'],
  COMPLETE: ['IN_PROGRESS'],
};

const checkpointMoves: Readonly<Record<string, readonly string[]>> = {
  PENDING: ['IN_PROGRESS', 'PASSED', 'FAILED'],
  IN_PROGRESS: ['PASSED', 'FAILED'],
  PASSED: [],
  FAILED: ['IN_PROGRESS'],
};

function startTask(
  state: SprintState,
  command: Extract<SprintCommand, { kind: 'StartTask' }>,
): DraftEvent[] {
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
  const phase = lookup(state.phases, String(task.phase));
  const waitingFor = [
    ...(phase?.dependsOn ?? [])
      .filter((number) => lookup(state.phases, String(number))?.status !== 'COMPLETE')
      .map((number) => `Phase ${number}`),
    ...task.dependsOn
      .filter((id) => lookup(state.tasks, id)?.status !== 'COMPLETE')
      .map((id) => `Task ${id}`),
  ];
  const forceReason = command.forceReason?.trim() ? command.forceReason : null;
  if (waitingFor.length > 0 && forceReason === null) {
    throw new AppError(
      'DEPENDENCY_NOT_MET',
      `task ${task.id} is awaiting ${waitingFor.join(', ')} completion`,
      'taskId',
      { waitingFor },
    );
  }
  const drafts: DraftEvent[] = [];
  if (state.status === 'PLANNED') {
    drafts.push({ type: 'SprintStarted', from: 'PLANNED', to: 'ACTIVE' });
  }
  drafts.push({
    type: 'TaskStarted',
    taskId: task.id,
    agent: command.agent,
    from: 'NOT_STARTED',
    to: 'IN_PROGRESS',
    forcedReason: waitingFor.length > 0 ? forceReason : null,
  });
  return drafts;
}

function raiseBlocker(
  state: SprintState,
  command: Extract<SprintCommand, { kind: 'RaiseBlocker' }>,
  communicationId: string | null,
): DraftEvent[] {
  requireAgent(state, command.agent, 'agent');
  requireText(command.description, 'description');
  const taskId = command.taskId ?? null;
  // A blocker opened by a BLOCKER message names its task under the message's `blocker`.
  const taskField = communicationId === null ? 'taskId' : 'blocker.taskId';
  const task = taskId === null ? null : requireTask(state, taskId, taskField);
  const blockerId = nextId('B', state.blockers);
  const drafts: DraftEvent[] = [
    {
      type: 'BlockerRaised',
      blockerId,
      severity: command.severity,
      agent: command.agent,
      taskId,
      description: command.description,
      communicationId,
    },
  ];
  if (task?.status === 'IN_PROGRESS') {
    drafts.push({
      type: 'TaskBlocked',
      taskId: task.id,
      from: 'IN_PROGRESS',
      to: 'BLOCKED',
      blockerId,
    });
  }
  return drafts;
}

function logCommunication(
  state: SprintState,
  command: Extract<SprintCommand, { kind: 'LogCommunication' }>,
): DraftEvent[] {
  requireAgentOrCoordinator(state, command.from, 'from');
  const to = command.to ?? null;
  if (to !== null) requireAgentOrCoordinator(state, to, 'to');
  requireText(command.subject, 'subject');
  requireText(command.body, 'body');
  const replyTo = command.replyTo ?? null;
  if (replyTo !== null && lookup(state.communications, replyTo) === undefined) {
    throw new AppError('NOT_FOUND', `no communication ${replyTo}`, 'replyTo');
  }
  if (command.blocker && command.type !== 'BLOCKER') {
    throw new AppError(
      'VALIDATION_FAILED',
      'only a communication of type BLOCKER opens a blocker',
      'blocker',
    );
  }
  const communicationId = nextId('C', state.communications);
  const drafts: DraftEvent[] = [
    {
      type: 'CommunicationLogged',
      communicationId,
      from: command.from,
      to,
      subject: command.subject,
      body: command.body,
      communicationType: command.type,
      replyTo,
    },
  ];
  if (command.blocker) {
    drafts.push(
      ...raiseBlocker(
        state,
        {
          kind: 'RaiseBlocker',
          severity: command.blocker.severity,
          agent: command.from,
          taskId: command.blocker.taskId ?? null,
          description: `${command.subject}: ${command.body}`,
        },
        communicationId,
      ),
    );
  }
  return drafts;
}

/** Ids are the entity's letter and its number in the sprint: B-1, I-3, C-12. */
function nextId(prefix: string, records: Readonly<Record<string, unknown>>): string {
  return `${prefix}-${Object.keys(records).length + 1}`;
}

function openBlockersOf(
  state: SprintState,
  matches: (blocker: BlockerState) => boolean,
): BlockerState[] {
  return Object.values(state.blockers).filter(
    (blocker) => blocker.status === 'OPEN' && matches(blocker),
  );
}

function requireTask(state: SprintState, taskId: string, field = 'taskId'): TaskState {
  const task = lookup(state.tasks, taskId);
  if (!task) throw new AppError('NOT_FOUND', `no task ${taskId} in sprint ${state.id}`, field);
  return task;
}

function requireAgent(state: SprintState, name: string, field: string) {
  const agent = lookup(state.agents, name);
  if (!agent) throw new AppError('NOT_FOUND', `no agent ${name} in sprint ${state.id}`, field);
  return agent;
}

/** Messages may come from or go to the coordinator, who is not one of the sprint's agents. */
export const coordinator = 'coordinator';

function requireAgentOrCoordinator(state: SprintState, name: string, field: string): void {
  if (name !== coordinator) requireAgent(state, name, field);
}

function requireAssignee(task: TaskState, agent: string): void {
  if (!task.assignees.includes(agent)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${agent} is not assigned to task ${task.id} (assignees: ${task.assignees.join(', ')})`,
      'agent',
    );
  }
}

function requirePhase(state: SprintState, phase: number, field: string): void {
  if (lookup(state.phases, String(phase)) === undefined) {
    throw new AppError('NOT_FOUND', `no phase ${phase} in sprint ${state.id}`, field);
  }
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

function requireIssue(state: SprintState, issueId: string) {
  const issue = lookup(state.issues, issueId);
  if (!issue) throw new AppError('NOT_FOUND', `no issue ${issueId}`, 'issueId');
  return issue;
}

function requireCheckpoint(state: SprintState, checkpointId: string) {
  const checkpoint = lookup(state.checkpoints, checkpointId);
  if (!checkpoint) throw new AppError('NOT_FOUND', `no checkpoint ${checkpointId}`, 'checkpointId');
  return checkpoint;
}

function requireText(value: string, field: string): void {
  if (value.trim() === '') throw new AppError('VALIDATION_FAILED', `${field} is required`, field);
}

/** What the JSON Schema cannot say: that every reference in the plan points at something. */
function validatePlan(plan: SprintPlan): void {
  const fail = (field: string, message: string): never => {
    throw new AppError('VALIDATION_FAILED', message, `plan.${field}`);
  };
  const unique = (values: readonly (string | number)[], field: string) => {
    const seen = new Set<string | number>();
    values.forEach((value, index) => {
      if (seen.has(value)) fail(`${field}[${index}]`, `${String(value)} appears twice`);
      seen.add(value);
    });
  };
  const agents = new Set(plan.agents.map((agent) => agent.name));
  const phases = new Set(plan.phases.map((phase) => phase.number));
  const tasks = new Set(plan.phases.flatMap((phase) => phase.tasks.map((task) => task.id)));
  unique(
    plan.agents.map((agent) => agent.name),
    'agents',
  );
  unique(
    plan.phases.map((phase) => phase.number),
    'phases',
  );
  unique(
    plan.phases.flatMap((phase) => phase.tasks.map((task) => task.id)),
    'tasks',
  );
  unique(
    plan.deliverables.map((deliverable) => deliverable.id),
    'deliverables',
  );
  unique(
    plan.checkpoints.map((checkpoint) => checkpoint.id),
    'checkpoints',
  );
  unique(
    plan.risks.map((risk) => risk.id),
    'risks',
  );
  if (plan.targetHours.min > plan.targetHours.max) {
    fail('targetHours', 'min is more than max');
  }
  plan.phases.forEach((phase, p) => {
    if (phase.estimateHours.min > phase.estimateHours.max) {
      fail(`phases[${p}].estimateHours`, 'min is more than max');
    }
    phase.dependsOn.forEach((number, d) => {
      if (!phases.has(number) || number === phase.number) {
        fail(
          `phases[${p}].dependsOn[${d}]`,
          `phase ${phase.number} depends on unknown phase ${number}`,
        );
      }
    });
    phase.tasks.forEach((task, t) => {
      task.assignees.forEach((name, a) => {
        if (!agents.has(name)) {
          fail(
            `phases[${p}].tasks[${t}].assignees[${a}]`,
            `task ${task.id}: unknown agent ${name}`,
          );
        }
      });
      task.dependsOn.forEach((id, d) => {
        if (!tasks.has(id) || id === task.id) {
          fail(
            `phases[${p}].tasks[${t}].dependsOn[${d}]`,
            `task ${task.id} depends on unknown task ${id}`,
          );
        }
      });
    });
  });
  plan.deliverables.forEach((deliverable, index) => {
    if (deliverable.phase !== null && !phases.has(deliverable.phase)) {
      fail(`deliverables[${index}].phase`, `unknown phase ${deliverable.phase}`);
    }
  });
  plan.checkpoints.forEach((checkpoint, index) => {
    if (!phases.has(checkpoint.phase)) {
      fail(`checkpoints[${index}].phase`, `unknown phase ${checkpoint.phase}`);
    }
  });
  const cycle = dependencyCycle(plan);
  if (cycle) fail('phases', `dependencies form a cycle: ${cycle.join(' -> ')}`);
}

/** A cycle in the task graph (phase and task dependencies together), if there is one. */
function dependencyCycle(plan: SprintPlan): string[] | null {
  const tasksOfPhase = new Map(
    plan.phases.map((phase) => [phase.number, phase.tasks.map((task) => task.id)]),
  );
  const predecessors = new Map<string, string[]>();
  for (const phase of plan.phases) {
    const before = phase.dependsOn.flatMap((number) => tasksOfPhase.get(number) ?? []);
    for (const task of phase.tasks) predecessors.set(task.id, [...before, ...task.dependsOn]);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const before of predecessors.get(id) ?? []) {
      const found = visit(before);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of predecessors.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return null;
}
