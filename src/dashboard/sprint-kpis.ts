import type { QualityStatus } from '../sprints/graphql/enums.js';
import type { SprintRows } from '../read-models/sprint-rows.js';
import { isIssueResolved } from '../sprints/model/rules.js';
import { groupBy } from './group-by.js';
import { scopeOf, type BurndownPoint, type ScopeMetrics } from './scope-metrics.js';

export interface TimeMetric {
  readonly name: string;
  readonly plannedMin: number;
  readonly plannedMax: number;
  readonly actualHours: number;
  /**
   * Actual hours minus the upper end of the plan once complete; before that only an overrun
   * already certain counts, so an unfinished phase shows 0 rather than its whole plan.
   */
  readonly varianceHours: number;
}

export interface Velocity {
  readonly name: string;
  /** Estimated hours of the complete tasks. */
  readonly plannedHours: number;
  /** Hours logged on those same tasks. */
  readonly actualHours: number;
  /** planned / actual: above 1 is faster than planned; null until something is done. */
  readonly ratio: number | null;
}

export interface QualityMetric {
  readonly metric: string;
  readonly target: string;
  readonly actual: string | null;
  readonly status: QualityStatus;
}

export interface SprintKpis {
  readonly total: TimeMetric;
  readonly phases: readonly TimeMetric[];
  readonly blockerResolutionHours: number | null;
  readonly blockersResolved: number;
  readonly checkpointValidationHours: number | null;
  readonly quality: readonly QualityMetric[];
  readonly velocity: Velocity;
  readonly phaseVelocity: readonly Velocity[];
  readonly issueResolutionRate: number | null;
  readonly checkpointPassRate: number | null;
  readonly deliverablesDone: number;
  readonly deliverableCount: number;
  readonly deliverablesPercent: number;
  readonly burndown: readonly BurndownPoint[];
  readonly scope: ScopeMetrics;
}

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const hoursBetween = (from: string, to: string) =>
  (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000;
const mean = (values: readonly number[]) =>
  values.length ? round(sum(values) / values.length, 3) : null;
const variance = (actual: number, planned: number, complete: boolean) =>
  complete ? round(actual - planned) : round(Math.max(0, actual - planned));
const rate = (part: number, whole: number) => (whole > 0 ? round((part / whole) * 100, 1) : null);

/** A recorded value meets its target when it is at least the target (numbers) or equal to it. */
export function qualityStatus(target: string, actual: string | null): QualityMetric['status'] {
  if (actual === null) return 'PENDING';
  const number = (text: string) => Number(text.trim().replace(/%$/, ''));
  const [wanted, got] = [number(target), number(actual)];
  if (!Number.isNaN(wanted) && !Number.isNaN(got) && target.trim() !== '') {
    return got >= wanted ? 'MET' : 'NOT_MET';
  }
  return actual.trim().toLowerCase() === target.trim().toLowerCase() ? 'MET' : 'NOT_MET';
}

function velocity(name: string, tasks: SprintRows['tasks']): Velocity {
  const done = tasks.filter((task) => task.status === 'COMPLETE');
  const planned = sum(done.map((task) => task.estimateHours));
  const actual = round(sum(done.map((task) => task.actualHours)));
  return {
    name,
    plannedHours: planned,
    actualHours: actual,
    ratio: actual > 0 ? round(planned / actual) : null,
  };
}

function phaseTimes(rows: SprintRows): TimeMetric[] {
  const tasksOf = groupBy(rows.tasks, (task) => [String(task.phase)]);
  return rows.phases.map((phase): TimeMetric => {
    const tasks = tasksOf.get(String(phase.number)) ?? [];
    const actual = round(sum(tasks.map((task) => task.actualHours)));
    return {
      name: `Phase ${phase.number}`,
      plannedMin: phase.estimateHours.min,
      plannedMax: phase.estimateHours.max,
      actualHours: actual,
      varianceHours: variance(actual, phase.estimateHours.max, phase.status === 'COMPLETE'),
    };
  });
}

function totalTime({ tasks, overview }: SprintRows): TimeMetric {
  const actual = round(sum(tasks.map((task) => task.actualHours)));
  return {
    name: 'Total Sprint Hours',
    plannedMin: overview.targetHours.min,
    plannedMax: overview.targetHours.max,
    actualHours: actual,
    varianceHours: variance(actual, overview.targetHours.max, overview.status === 'COMPLETE'),
  };
}

/** Quality targets with their value: recorded, or measured by the service where it can. */
function qualityOf(
  rows: SprintRows,
  measured: { issueResolutionRate: number | null; checkpointPassRate: number | null },
): QualityMetric[] {
  // Targets the service can measure itself, shown until someone records a value of their own.
  const computed = new Map<string, string>();
  if (measured.issueResolutionRate !== null) {
    computed.set('Issue Resolution Rate', `${measured.issueResolutionRate}%`);
  }
  if (measured.checkpointPassRate !== null) {
    computed.set('Checkpoint Pass Rate', `${measured.checkpointPassRate}%`);
  }
  return rows.qualityTargets.map((metric) => {
    const actual = metric.actual ?? computed.get(metric.metric) ?? null;
    return {
      metric: metric.metric,
      target: metric.target,
      actual,
      status: qualityStatus(metric.target, actual),
    };
  });
}

/** The sprint's KPIs (the dashboard's metrics section), computed from the read-model rows only. */
export function buildSprintKpis(rows: SprintRows): SprintKpis {
  const { tasks } = rows;
  const resolved = rows.blockers.filter((blocker) => blocker.resolvedAt !== null);
  const decided = rows.checkpoints.filter((checkpoint) => checkpoint.decidedAt !== null);
  const deliverablesDone = rows.deliverables.filter((deliverable) => deliverable.done).length;
  const tasksOfPhase = groupBy(tasks, (task) => [String(task.phase)]);
  const measured = {
    issueResolutionRate: rate(rows.issues.filter(isIssueResolved).length, rows.issues.length),
    checkpointPassRate: rate(
      decided.filter((checkpoint) => checkpoint.status === 'PASSED').length,
      decided.length,
    ),
  };
  const scope = scopeOf(rows);
  return {
    total: totalTime(rows),
    phases: phaseTimes(rows),
    blockerResolutionHours: mean(
      resolved.map((blocker) =>
        hoursBetween(blocker.raisedAt, blocker.resolvedAt ?? blocker.raisedAt),
      ),
    ),
    blockersResolved: resolved.length,
    checkpointValidationHours: mean(
      decided.map((checkpoint) =>
        hoursBetween(
          checkpoint.startedAt ?? checkpoint.decidedAt ?? '',
          checkpoint.decidedAt ?? '',
        ),
      ),
    ),
    quality: qualityOf(rows, measured),
    velocity: velocity('Sprint', tasks),
    phaseVelocity: rows.phases.map((phase) =>
      velocity(`Phase ${phase.number}`, tasksOfPhase.get(String(phase.number)) ?? []),
    ),
    ...measured,
    deliverablesDone,
    deliverableCount: rows.deliverables.length,
    deliverablesPercent: rate(deliverablesDone, rows.deliverables.length) ?? 0,
    burndown: scope.burndown,
    scope: scope.metrics,
  };
}
