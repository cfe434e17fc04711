import { scopeChangesOf, targetCompletionOf } from './scope-metrics.js';
import {
  allRowParts,
  computeAfresh,
  type Remember,
  type RowPart,
  type SprintRows,
} from '../read-models/sprint-rows.js';
import type { CriticalPath } from '../sprints/model/critical-path.js';
import { buildDashboard } from './dashboard.js';
import type { CriticalPathView, Dashboard } from './dashboard.types.js';

/** The dashboard as the `Dashboard` type shows it: the pure builder's result, named. */
export function toDashboard(rows: SprintRows, remember: Remember = computeAfresh): Dashboard {
  const built = buildDashboard(rows, remember);
  const { overview } = rows;
  return {
    sprintId: overview.id,
    name: overview.name,
    branch: overview.branch,
    status: overview.status,
    startDate: overview.startDate,
    targetHours: overview.targetHours,
    version: overview.version,
    overview: built.overview,
    agents: built.agents,
    phases: built.phases,
    openBlockers: rows.blockers.filter((blocker) => blocker.status === 'OPEN'),
    criticalPath: toCriticalPath(rows, built.criticalPath),
    scopeChanges: scopeChangesOf(rows),
    updatedAt: overview.updatedAt,
    targetCompletion: targetCompletionOf(overview.startedAt, built.criticalPath.totalHours),
  };
}

export function toCriticalPath(rows: SprintRows, path: CriticalPath): CriticalPathView {
  return {
    ...path,
    declaredHours: rows.overview.criticalPathHours,
    bufferedHours: rows.overview.bufferedHours,
    baselineHours: rows.overview.baselineCriticalPath?.hours ?? null,
    baselineChain: rows.overview.baselineCriticalPath?.chain ?? null,
  };
}

/**
 * What the dashboard shows reads: no messages, no issues (it counts them) and no burndown,
 * however many a sprint holds; its scope log grows only with changes to the plan.
 */
export const dashboardNeeds: readonly RowPart[] = [
  'agents',
  'phases',
  'tasks',
  'blockers',
  'deliverables',
  'checkpoints',
  'risks',
  'scopeLog',
];

/** What the metrics read: everything but the messages. */
export const kpiNeeds: readonly RowPart[] = allRowParts.filter((part) => part !== 'communications');
