import {
  type AgentStatus,
  type CheckpointStatus,
  type CommunicationType,
  type PhaseStatus,
  type RiskLevel,
  type SprintStatus,
} from '../sprints/model/vocabulary.js';
import {
  type AgentState,
  type BlockerState,
  type DeliverableState,
  type IssueState,
  type QualityTargetState,
  type RiskState,
  type TaskState,
} from '../sprints/model/state.js';
import { criticalPath, type CriticalPath } from './critical-path.js';

/** The read-model rows a dashboard is made of, as `loadSprintRows` returns them. */
export interface SprintRows {
  readonly overview: {
    readonly sprintId: string;
    readonly name: string;
    readonly branch: string | null;
    readonly status: SprintStatus;
    readonly startDate: string | null;
    readonly targetMin: number;
    readonly targetMax: number;
    readonly criticalPathHours: number | null;
    readonly bufferedHours: number | null;
    readonly plannedAt: string;
    readonly startedAt: string | null;
    readonly completedAt: string | null;
    readonly version: number;
  };
  readonly agents: readonly AgentState[];
  readonly phases: readonly {
    readonly number: number;
    readonly name: string;
    readonly estimateMin: number;
    readonly estimateMax: number;
    readonly dependsOn: readonly number[];
    readonly criticalPath: boolean;
    readonly riskLevel: RiskLevel | null;
    readonly status: PhaseStatus;
    readonly startedAt: string | null;
    readonly completedAt: string | null;
  }[];
  readonly tasks: readonly TaskState[];
  readonly blockers: readonly BlockerState[];
  readonly issues: readonly IssueState[];
  readonly deliverables: readonly DeliverableState[];
  readonly checkpoints: readonly {
    readonly id: string;
    readonly name: string;
    readonly phase: number;
    readonly windowFrom: number;
    readonly windowTo: number;
    readonly criteria: readonly string[];
    readonly status: CheckpointStatus;
    readonly result: string | null;
    readonly startedAt: string | null;
    readonly decidedAt: string | null;
  }[];
  readonly risks: readonly RiskState[];
  readonly qualityMetrics: readonly QualityTargetState[];
  readonly communications: readonly {
    readonly id: string;
    readonly at: string;
    readonly fromAgent: string;
    readonly toAgent: string | null;
    readonly subject: string;
    readonly body: string;
    readonly type: CommunicationType;
    readonly replyTo: string | null;
    readonly answeredBy: string | null;
    readonly answer: string | null;
    readonly answeredAt: string | null;
  }[];
  /** The events that move remaining work, oldest first: for the burndown. */
  readonly progressEvents: readonly {
    readonly type: 'TaskCompleted' | 'TaskReopened';
    readonly taskId: string;
    readonly at: string;
  }[];
}

type TaskRow = SprintRows['tasks'][number];

export interface Dashboard {
  readonly overview: {
    readonly phasesComplete: number;
    readonly phaseCount: number;
    /** Estimated hours of complete tasks over all estimated hours, in percent. */
    readonly progressPercent: number;
    readonly activeAgents: number;
    readonly agentCount: number;
    readonly openBlockers: number;
    readonly issuesFound: number;
    readonly issuesResolved: number;
    readonly taskCount: number;
    readonly tasksComplete: number;
    readonly deliverablesDone: number;
    readonly deliverableCount: number;
    readonly checkpointsPending: number;
    readonly checkpointsPassed: number;
    readonly checkpointCount: number;
    readonly activeRisks: number;
    readonly riskCount: number;
  };
  readonly agents: readonly AgentCard[];
  readonly phases: readonly PhaseTracker[];
  readonly criticalPath: CriticalPath;
}

export interface AgentCard {
  readonly name: string;
  readonly role: string;
  readonly status: AgentStatus;
  readonly backup: string | null;
  readonly criticalDependencies: readonly string[];
  readonly currentTask: TaskRow | null;
  readonly tasksDone: number;
  readonly taskCount: number;
  readonly nextTask: TaskRow | null;
  /** What the next task still waits for; empty when it can start now. */
  readonly nextTaskWaitingFor: readonly string[];
  readonly tasks: readonly TaskRow[];
}

export interface PhaseTracker {
  readonly number: number;
  readonly name: string;
  readonly status: PhaseStatus;
  readonly estimateMin: number;
  readonly estimateMax: number;
  readonly assignedAgents: readonly string[];
  readonly dependsOn: readonly number[];
  readonly criticalPath: boolean;
  readonly riskLevel: RiskLevel | null;
  readonly tasks: readonly TaskRow[];
  readonly deliverables: SprintRows['deliverables'];
  /** "Awaiting Phase 1 completion", and open blockers on its tasks. */
  readonly waitingFor: readonly string[];
  readonly actualHours: number;
  readonly estimatedHours: number;
}

/**
 * Measured against the upper end of the sprint's target: slack goes negative once the sprint
 * cannot make it. The plan's own critical-path figure is shown beside it, not used.
 */
export function sprintCriticalPath(rows: SprintRows): CriticalPath {
  return criticalPath(rows.tasks, rows.phases, rows.overview.targetMax);
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Where the sprint stands, computed from its read-model rows only. */
export function buildDashboard(rows: SprintRows): Dashboard {
  const phaseStatus = new Map(rows.phases.map((phase) => [phase.number, phase.status]));
  const taskStatus = new Map(rows.tasks.map((task) => [task.id, task.status]));
  const openBlockers = rows.blockers.filter((blocker) => blocker.status === 'OPEN');
  const phaseOf = new Map(rows.phases.map((phase) => [phase.number, phase]));

  const waitingFor = (task: TaskRow): string[] => [
    ...(phaseOf.get(task.phase)?.dependsOn ?? [])
      .filter((number) => phaseStatus.get(number) !== 'COMPLETE')
      .map((number) => `Phase ${number}`),
    ...task.dependsOn.filter((id) => taskStatus.get(id) !== 'COMPLETE').map((id) => `Task ${id}`),
  ];

  const agents = rows.agents.map((agent): AgentCard => {
    const tasks = rows.tasks.filter((task) => task.assignees.includes(agent.name));
    const mine = tasks.filter((task) => task.activeAgent === agent.name);
    const notStarted = tasks.filter((task) => task.status === 'NOT_STARTED');
    const next = notStarted.find((task) => waitingFor(task).length === 0) ?? notStarted[0] ?? null;
    return {
      name: agent.name,
      role: agent.role,
      status: agent.status,
      backup: agent.backup,
      criticalDependencies: agent.criticalDependencies,
      currentTask:
        mine.find((task) => task.status === 'IN_PROGRESS') ??
        mine.find((task) => task.status === 'BLOCKED') ??
        null,
      tasksDone: tasks.filter((task) => task.status === 'COMPLETE').length,
      taskCount: tasks.length,
      nextTask: next,
      nextTaskWaitingFor: next ? waitingFor(next) : [],
      tasks,
    };
  });

  const phases = rows.phases.map((phase): PhaseTracker => {
    const tasks = rows.tasks.filter((task) => task.phase === phase.number);
    const blockedBy = openBlockers
      .filter((blocker) => tasks.some((task) => task.id === blocker.taskId))
      .map((blocker) => `Blocker ${blocker.id} (${blocker.severity})`);
    return {
      number: phase.number,
      name: phase.name,
      status: phase.status,
      estimateMin: phase.estimateMin,
      estimateMax: phase.estimateMax,
      assignedAgents: [...new Set(tasks.flatMap((task) => task.assignees))],
      dependsOn: phase.dependsOn,
      criticalPath: phase.criticalPath,
      riskLevel: phase.riskLevel,
      tasks,
      deliverables: rows.deliverables.filter((deliverable) => deliverable.phase === phase.number),
      waitingFor: [
        ...phase.dependsOn
          .filter((number) => phaseStatus.get(number) !== 'COMPLETE')
          .map((number) => `Awaiting Phase ${number} completion`),
        ...blockedBy,
      ],
      actualHours: Math.round(sum(tasks.map((task) => task.actualHours)) * 100) / 100,
      estimatedHours: sum(tasks.map((task) => task.estimateHours)),
    };
  });

  const estimated = sum(rows.tasks.map((task) => task.estimateHours));
  const completeEstimated = sum(
    rows.tasks.filter((task) => task.status === 'COMPLETE').map((task) => task.estimateHours),
  );
  return {
    overview: {
      phasesComplete: rows.phases.filter((phase) => phase.status === 'COMPLETE').length,
      phaseCount: rows.phases.length,
      progressPercent: percent(completeEstimated, estimated),
      activeAgents: rows.agents.filter((agent) => agent.status === 'ACTIVE').length,
      agentCount: rows.agents.length,
      openBlockers: openBlockers.length,
      issuesFound: rows.issues.length,
      issuesResolved: rows.issues.filter(
        (issue) => issue.status === 'VALIDATED' || issue.status === 'CLOSED',
      ).length,
      taskCount: rows.tasks.length,
      tasksComplete: rows.tasks.filter((task) => task.status === 'COMPLETE').length,
      deliverablesDone: rows.deliverables.filter((deliverable) => deliverable.done).length,
      deliverableCount: rows.deliverables.length,
      checkpointsPending: rows.checkpoints.filter((checkpoint) => checkpoint.status === 'PENDING')
        .length,
      checkpointsPassed: rows.checkpoints.filter((checkpoint) => checkpoint.status === 'PASSED')
        .length,
      checkpointCount: rows.checkpoints.length,
      activeRisks: rows.risks.filter((risk) => risk.status === 'ACTIVE').length,
      riskCount: rows.risks.length,
    },
    agents,
    phases,
    criticalPath: sprintCriticalPath(rows),
  };
}
