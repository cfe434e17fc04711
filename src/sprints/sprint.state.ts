import type {
  AgentStatus,
  BlockerSeverity,
  BlockerStatus,
  CheckpointStatus,
  CommunicationType,
  DeliverableCategory,
  HourRange,
  HourWindow,
  IssueStatus,
  PhaseStatus,
  RiskLevel,
  RiskStatus,
  SprintEvent,
  SprintStatus,
  TaskStatus,
} from './sprint.events.js';

/** A sprint as its events leave it. Plain JSON, so it can be kept as a snapshot. */
export interface SprintState {
  readonly id: string;
  readonly name: string;
  readonly branch: string | null;
  readonly startDate: string | null;
  readonly targetHours: HourRange;
  readonly criticalPathHours: number | null;
  readonly bufferedHours: number | null;
  readonly status: SprintStatus;
  readonly plannedAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly agents: Readonly<Record<string, AgentState>>;
  readonly phases: Readonly<Record<string, PhaseState>>;
  readonly tasks: Readonly<Record<string, TaskState>>;
  readonly blockers: Readonly<Record<string, BlockerState>>;
  readonly issues: Readonly<Record<string, IssueState>>;
  readonly communications: Readonly<Record<string, CommunicationState>>;
  readonly checkpoints: Readonly<Record<string, CheckpointState>>;
  readonly deliverables: Readonly<Record<string, DeliverableState>>;
  readonly risks: Readonly<Record<string, RiskState>>;
  readonly qualityTargets: Readonly<Record<string, QualityTargetState>>;
}

export interface AgentState {
  readonly name: string;
  readonly role: string;
  readonly backup: string | null;
  readonly criticalDependencies: readonly string[];
  readonly declaredReady: boolean;
  readonly status: AgentStatus;
}

export interface PhaseState {
  readonly number: number;
  readonly name: string;
  readonly estimateHours: HourRange;
  readonly dependsOn: readonly number[];
  readonly criticalPath: boolean;
  readonly riskLevel: RiskLevel | null;
  readonly taskIds: readonly string[];
  readonly status: PhaseStatus;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

export interface TaskState {
  readonly id: string;
  readonly title: string;
  readonly phase: number;
  readonly estimateHours: number;
  readonly assignees: readonly string[];
  readonly dependsOn: readonly string[];
  readonly status: TaskStatus;
  readonly actualHours: number;
  /** The agent who started it, who is working on it. */
  readonly activeAgent: string | null;
  readonly forcedReason: string | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

export interface BlockerState {
  readonly id: string;
  readonly severity: BlockerSeverity;
  readonly agent: string;
  readonly taskId: string | null;
  readonly description: string;
  readonly communicationId: string | null;
  readonly status: BlockerStatus;
  readonly raisedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
}

export interface IssueState {
  readonly id: string;
  readonly severity: BlockerSeverity;
  readonly title: string;
  readonly description: string | null;
  readonly phase: number | null;
  readonly assignee: string | null;
  /** The agent who reported it: it may validate or reopen the fix. */
  readonly reportedBy: string | null;
  readonly status: IssueStatus;
  readonly reportedAt: string;
  readonly updatedAt: string;
}

export interface CommunicationState {
  readonly id: string;
  readonly at: string;
  readonly from: string;
  readonly to: string | null;
  readonly subject: string;
  readonly body: string;
  readonly type: CommunicationType;
  readonly replyTo: string | null;
  readonly answer: { readonly by: string; readonly body: string; readonly at: string } | null;
}

export interface CheckpointState {
  readonly id: string;
  readonly name: string;
  readonly phase: number;
  readonly hourWindow: HourWindow;
  readonly criteria: readonly string[];
  readonly status: CheckpointStatus;
  readonly result: string | null;
  readonly startedAt: string | null;
  readonly decidedAt: string | null;
}

export interface DeliverableState {
  readonly id: string;
  readonly category: DeliverableCategory;
  readonly name: string;
  readonly phase: number | null;
  readonly done: boolean;
  readonly doneAt: string | null;
}

export interface RiskState {
  readonly id: string;
  readonly category: string;
  readonly severity: RiskLevel;
  readonly status: RiskStatus;
  readonly mitigation: string;
}

export interface QualityTargetState {
  readonly metric: string;
  readonly target: string;
  readonly actual: string | null;
  readonly recordedAt: string | null;
}

/**
 * The record of `id`, if the sprint has one. Own keys only: ids come from clients, and
 * `constructor` or `__proto__` must find nothing, not a built-in of every object.
 */
export function lookup<T>(records: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? records[id] : undefined;
}

function update<T>(
  records: Readonly<Record<string, T>>,
  id: string,
  change: (record: T) => T,
): Readonly<Record<string, T>> {
  const record = lookup(records, id);
  if (record === undefined) throw new Error(`event refers to unknown ${id}`);
  return { ...records, [id]: change(record) };
}

function byId<T>(items: readonly T[], id: (item: T) => string): Record<string, T> {
  return Object.fromEntries(items.map((item) => [id(item), item]));
}

/**
 * Folds one event into the state. Pure and total over what `decide` emits: events are facts,
 * so evolve never refuses one.
 */
export function evolve(state: SprintState | null, event: SprintEvent): SprintState | null {
  if (event.type === 'SprintPlanned') return planned(event.data.plan, event.data.at);
  if (state === null) throw new Error(`${event.type} before SprintPlanned`);
  const { at } = event.data;
  switch (event.type) {
    case 'SprintStarted':
      return { ...state, status: 'ACTIVE', startedAt: at };
    case 'SprintCompleted':
      return { ...state, status: 'COMPLETE', completedAt: at };
    case 'AgentDeclaredReady':
      return {
        ...state,
        agents: update(state.agents, event.data.agent, (agent) => ({
          ...agent,
          declaredReady: true,
        })),
      };
    case 'AgentStatusChanged':
      return {
        ...state,
        agents: update(state.agents, event.data.agent, (agent) => ({
          ...agent,
          status: event.data.to,
        })),
      };
    case 'PhaseStatusChanged':
      return {
        ...state,
        phases: update(state.phases, String(event.data.phase), (phase) => ({
          ...phase,
          status: event.data.to,
          startedAt: phase.startedAt ?? (event.data.to === 'NOT_STARTED' ? null : at),
          completedAt: event.data.to === 'COMPLETE' ? at : null,
        })),
      };
    case 'TaskStarted':
      return {
        ...state,
        tasks: update(state.tasks, event.data.taskId, (task) => ({
          ...task,
          status: 'IN_PROGRESS',
          activeAgent: event.data.agent,
          forcedReason: event.data.forcedReason,
          startedAt: at,
        })),
      };
    case 'HoursLogged':
      return {
        ...state,
        tasks: update(state.tasks, event.data.taskId, (task) => ({
          ...task,
          actualHours: event.data.totalHours,
        })),
      };
    case 'TaskCompleted':
      return {
        ...state,
        tasks: update(state.tasks, event.data.taskId, (task) => ({
          ...task,
          status: 'COMPLETE',
          completedAt: at,
        })),
      };
    case 'TaskReopened':
      return {
        ...state,
        tasks: update(state.tasks, event.data.taskId, (task) => ({
          ...task,
          status: 'IN_PROGRESS',
          completedAt: null,
        })),
      };
    case 'TaskReassigned':
      return {
        ...state,
        tasks: update(state.tasks, event.data.taskId, (task) => ({
          ...task,
          assignees: event.data.to,
          activeAgent:
            task.activeAgent !== null && event.data.to.includes(task.activeAgent)
              ? task.activeAgent
              : (event.data.to[0] ?? null),
        })),
      };
    case 'TaskBlocked':
    case 'TaskUnblocked':
      return {
        ...state,
        tasks: update(state.tasks, event.data.taskId, (task) => ({
          ...task,
          status: event.data.to,
        })),
      };
    case 'BlockerRaised':
      return {
        ...state,
        blockers: {
          ...state.blockers,
          [event.data.blockerId]: {
            id: event.data.blockerId,
            severity: event.data.severity,
            agent: event.data.agent,
            taskId: event.data.taskId,
            description: event.data.description,
            communicationId: event.data.communicationId,
            status: 'OPEN',
            raisedAt: at,
            resolvedAt: null,
            resolution: null,
          },
        },
      };
    case 'BlockerSeverityChanged':
      return {
        ...state,
        blockers: update(state.blockers, event.data.blockerId, (blocker) => ({
          ...blocker,
          severity: event.data.to,
        })),
      };
    case 'BlockerResolved':
      return {
        ...state,
        blockers: update(state.blockers, event.data.blockerId, (blocker) => ({
          ...blocker,
          status: 'RESOLVED',
          resolvedAt: at,
          resolution: event.data.resolution,
        })),
      };
    case 'IssueReported':
      return {
        ...state,
        issues: {
          ...state.issues,
          [event.data.issueId]: {
            id: event.data.issueId,
            severity: event.data.severity,
            title: event.data.title,
            description: event.data.description,
            phase: event.data.phase,
            assignee: event.data.assignee,
            reportedBy: event.data.reportedBy,
            status: 'OPEN',
            reportedAt: at,
            updatedAt: at,
          },
        },
      };
    case 'IssueAssigned':
      return {
        ...state,
        issues: update(state.issues, event.data.issueId, (issue) => ({
          ...issue,
          assignee: event.data.to,
          updatedAt: at,
        })),
      };
    case 'IssueStatusChanged':
      return {
        ...state,
        issues: update(state.issues, event.data.issueId, (issue) => ({
          ...issue,
          status: event.data.to,
          updatedAt: at,
        })),
      };
    case 'CommunicationLogged':
      return {
        ...state,
        communications: {
          ...state.communications,
          [event.data.communicationId]: {
            id: event.data.communicationId,
            at,
            from: event.data.from,
            to: event.data.to,
            subject: event.data.subject,
            body: event.data.body,
            type: event.data.communicationType,
            replyTo: event.data.replyTo,
            answer: null,
          },
        },
      };
    case 'CommunicationAnswered':
      return {
        ...state,
        communications: update(state.communications, event.data.communicationId, (message) => ({
          ...message,
          answer: { by: event.data.answeredBy, body: event.data.answer, at },
        })),
      };
    case 'CheckpointStarted':
      return {
        ...state,
        checkpoints: update(state.checkpoints, event.data.checkpointId, (checkpoint) => ({
          ...checkpoint,
          status: 'IN_PROGRESS',
          result: null,
          startedAt: at,
          decidedAt: null,
        })),
      };
    case 'CheckpointPassed':
    case 'CheckpointFailed':
      return {
        ...state,
        checkpoints: update(state.checkpoints, event.data.checkpointId, (checkpoint) => ({
          ...checkpoint,
          status: event.data.to,
          result: event.type === 'CheckpointPassed' ? event.data.result : event.data.reason,
          startedAt: checkpoint.startedAt ?? at,
          decidedAt: at,
        })),
      };
    case 'DeliverableCompleted':
    case 'DeliverableReopened':
      return {
        ...state,
        deliverables: update(state.deliverables, event.data.deliverableId, (deliverable) => ({
          ...deliverable,
          done: event.data.to,
          doneAt: event.data.to ? at : null,
        })),
      };
    case 'RiskStatusChanged':
      return {
        ...state,
        risks: update(state.risks, event.data.riskId, (risk) => ({
          ...risk,
          status: event.data.to,
        })),
      };
    case 'QualityMetricRecorded':
      return {
        ...state,
        qualityTargets: {
          ...state.qualityTargets,
          [event.data.metric]: {
            metric: event.data.metric,
            target: lookup(state.qualityTargets, event.data.metric)?.target ?? '',
            actual: event.data.value,
            recordedAt: at,
          },
        },
      };
  }
}

function planned(
  plan: Extract<SprintEvent, { type: 'SprintPlanned' }>['data']['plan'],
  at: string,
): SprintState {
  return {
    id: plan.key,
    name: plan.name,
    branch: plan.branch,
    startDate: plan.startDate,
    targetHours: plan.targetHours,
    criticalPathHours: plan.criticalPathHours,
    bufferedHours: plan.bufferedHours,
    status: 'PLANNED',
    plannedAt: at,
    startedAt: null,
    completedAt: null,
    agents: byId(
      plan.agents.map((agent) => ({ ...agent, declaredReady: false, status: 'ASSIGNED' as const })),
      (agent) => agent.name,
    ),
    phases: byId(
      plan.phases.map(({ tasks, ...phase }) => ({
        ...phase,
        taskIds: tasks.map((task) => task.id),
        status: 'NOT_STARTED' as const,
        startedAt: null,
        completedAt: null,
      })),
      (phase) => String(phase.number),
    ),
    tasks: byId(
      plan.phases.flatMap((phase) =>
        phase.tasks.map((task) => ({
          ...task,
          phase: phase.number,
          status: 'NOT_STARTED' as const,
          actualHours: 0,
          activeAgent: null,
          forcedReason: null,
          startedAt: null,
          completedAt: null,
        })),
      ),
      (task) => task.id,
    ),
    blockers: {},
    issues: {},
    communications: {},
    checkpoints: byId(
      plan.checkpoints.map((checkpoint) => ({
        ...checkpoint,
        status: 'PENDING' as const,
        result: null,
        startedAt: null,
        decidedAt: null,
      })),
      (checkpoint) => checkpoint.id,
    ),
    deliverables: byId(
      plan.deliverables.map((deliverable) => ({ ...deliverable, done: false, doneAt: null })),
      (deliverable) => deliverable.id,
    ),
    risks: byId(plan.risks, (risk) => risk.id),
    qualityTargets: byId(
      plan.qualityTargets.map((target) => ({ ...target, actual: null, recordedAt: null })),
      (target) => target.metric,
    ),
  };
}

/** What an agent's status should be, given its tasks: the rule `AgentStatusChanged` follows. */
export function derivedAgentStatus(state: SprintState, agent: AgentState): AgentStatus {
  const tasks = Object.values(state.tasks).filter((task) => task.assignees.includes(agent.name));
  const working = tasks.filter((task) => task.activeAgent === agent.name);
  if (working.some((task) => task.status === 'IN_PROGRESS')) return 'ACTIVE';
  if (working.some((task) => task.status === 'BLOCKED')) return 'BLOCKED';
  if (tasks.length > 0 && tasks.every((task) => task.status === 'COMPLETE')) return 'COMPLETE';
  return agent.declaredReady ? 'READY' : 'ASSIGNED';
}

/** A phase is complete when all its tasks are, started when any of them is. */
export function derivedPhaseStatus(state: SprintState, phase: PhaseState): PhaseStatus {
  const statuses = phase.taskIds.map((id) => lookup(state.tasks, id)?.status ?? 'NOT_STARTED');
  if (statuses.length > 0 && statuses.every((status) => status === 'COMPLETE')) return 'COMPLETE';
  return statuses.some((status) => status !== 'NOT_STARTED') ? 'IN_PROGRESS' : 'NOT_STARTED';
}
