import { type AgentStatus, type PhaseStatus, type RiskLevel } from '../sprints/model/vocabulary.js';
import { type TaskState } from '../sprints/model/state.js';
import { computeAfresh, type Remember, type SprintRows } from '../read-models/sprint-rows.js';
import { waitingFor } from '../sprints/model/rules.js';
import type { HourRange } from '../sprints/model/vocabulary.js';
import { criticalPath, type CriticalPath } from '../sprints/model/critical-path.js';
import { groupBy } from './group-by.js';

type TaskRow = TaskState;

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
  readonly estimateHours: HourRange;
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
export function sprintCriticalPath(
  rows: SprintRows,
  remember: Remember = computeAfresh,
): CriticalPath {
  // Computed once per version, not per read: a 10,000-task plan's takes tens of milliseconds.
  return remember('criticalPath', () =>
    criticalPath(rows.tasks, rows.phases, rows.overview.targetHours.max),
  );
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Where the sprint stands, computed from its read-model rows only. */
export function buildDashboard(rows: SprintRows, remember: Remember = computeAfresh): Dashboard {
  return {
    overview: overviewOf(rows),
    agents: agentCards(rows),
    phases: phaseTrackers(rows),
    criticalPath: sprintCriticalPath(rows, remember),
  };
}

function agentCards(rows: SprintRows): AgentCard[] {
  const phaseOf = new Map(rows.phases.map((phase) => [phase.number, phase]));
  const taskStatus = new Map(rows.tasks.map((task) => [task.id, task.status]));
  const waiting = (task: TaskRow) =>
    waitingFor(
      task,
      (number) => phaseOf.get(number),
      (id) => taskStatus.get(id),
    );
  const tasksOf = groupBy(rows.tasks, (task) => task.assignees);
  return rows.agents.map((agent): AgentCard => {
    const tasks = tasksOf.get(agent.name) ?? [];
    const mine = tasks.filter((task) => task.activeAgent === agent.name);
    const notStarted = tasks.filter((task) => task.status === 'NOT_STARTED');
    const next = notStarted.find((task) => waiting(task).length === 0) ?? notStarted[0] ?? null;
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
      nextTaskWaitingFor: next ? waiting(next) : [],
      tasks,
    };
  });
}

function phaseTrackers(rows: SprintRows): PhaseTracker[] {
  const phaseStatus = new Map(rows.phases.map((phase) => [phase.number, phase.status]));
  const openBlockers = rows.blockers.filter((blocker) => blocker.status === 'OPEN');
  const tasksOf = groupBy(rows.tasks, (task) => [String(task.phase)]);
  const phaseOfTask = new Map(rows.tasks.map((task) => [task.id, task.phase]));
  return rows.phases.map((phase): PhaseTracker => {
    const tasks = tasksOf.get(String(phase.number)) ?? [];
    const blockedBy = openBlockers
      .filter(
        (blocker) => blocker.taskId !== null && phaseOfTask.get(blocker.taskId) === phase.number,
      )
      .map((blocker) => `Blocker ${blocker.id} (${blocker.severity})`);
    return {
      number: phase.number,
      name: phase.name,
      status: phase.status,
      estimateHours: phase.estimateHours,
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
}

function overviewOf(rows: SprintRows): Dashboard['overview'] {
  const estimated = sum(rows.tasks.map((task) => task.estimateHours));
  const completeEstimated = sum(
    rows.tasks.filter((task) => task.status === 'COMPLETE').map((task) => task.estimateHours),
  );
  const count = <Row>(list: readonly Row[], matches: (row: Row) => boolean) =>
    list.filter(matches).length;
  return {
    phasesComplete: count(rows.phases, (phase) => phase.status === 'COMPLETE'),
    phaseCount: rows.phases.length,
    progressPercent: percent(completeEstimated, estimated),
    activeAgents: count(rows.agents, (agent) => agent.status === 'ACTIVE'),
    agentCount: rows.agents.length,
    openBlockers: count(rows.blockers, (blocker) => blocker.status === 'OPEN'),
    issuesFound: rows.overview.issuesFound,
    issuesResolved: rows.overview.issuesResolved,
    taskCount: rows.tasks.length,
    tasksComplete: count(rows.tasks, (task) => task.status === 'COMPLETE'),
    deliverablesDone: count(rows.deliverables, (deliverable) => deliverable.done),
    deliverableCount: rows.deliverables.length,
    checkpointsPending: count(rows.checkpoints, (checkpoint) => checkpoint.status === 'PENDING'),
    checkpointsPassed: count(rows.checkpoints, (checkpoint) => checkpoint.status === 'PASSED'),
    checkpointCount: rows.checkpoints.length,
    activeRisks: count(rows.risks, (risk) => risk.status === 'ACTIVE'),
    riskCount: rows.risks.length,
  };
}
