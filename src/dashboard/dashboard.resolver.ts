import { principalOfRequest } from '../access/access.guard.js';
import { mayRead } from '../access/authorize.js';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { Checkpoint, Sprint } from '../sprints/graphql/objects.js';
import { sprintFromRows } from './sprint-view.js';
import { Clock } from '../common/clock.js';
import type { CriticalPath } from './critical-path.js';
import { renderDashboardMarkdown } from './dashboard-markdown.js';
import { buildDashboard, sprintCriticalPath, type SprintRows } from './dashboard.js';
import { sprintRowsOfRequest } from './dashboard.queries.js';
import {
  CriticalPathView,
  Dashboard,
  SprintMetricsView,
  SprintSummary,
} from './dashboard.types.js';
import { buildMetrics } from './metrics.js';

export function toDashboard(rows: SprintRows): Dashboard {
  const built = buildDashboard(rows);
  const { overview } = rows;
  return {
    sprintId: overview.sprintId,
    name: overview.name,
    branch: overview.branch,
    status: overview.status,
    startDate: overview.startDate,
    targetHours: { min: overview.targetMin, max: overview.targetMax },
    version: overview.version,
    overview: built.overview,
    agents: built.agents,
    phases: built.phases.map((phase) => ({
      ...phase,
      estimateHours: { min: phase.estimateMin, max: phase.estimateMax },
    })),
    openBlockers: rows.blockers.filter((blocker) => blocker.status === 'OPEN'),
    criticalPath: toCriticalPath(rows, built.criticalPath),
  };
}

function toCriticalPath(rows: SprintRows, path: CriticalPath): CriticalPathView {
  return {
    ...path,
    declaredHours: rows.overview.criticalPathHours,
    bufferedHours: rows.overview.bufferedHours,
  };
}

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  @Query(() => Sprint, { nullable: true, description: 'A sprint by id (its plan key), whole.' })
  async sprint(
    @Args('id', { type: () => ID }) id: string,
    @Context('request') request: FastifyRequest,
  ): Promise<Sprint | null> {
    const rows = await sprintRowsOfRequest(request, this.pool, id);
    return rows ? sprintFromRows(rows) : null;
  }

  @Query(() => [SprintSummary], { description: 'Every sprint, the most recently planned first.' })
  async sprints(@Context('request') request: FastifyRequest): Promise<SprintSummary[]> {
    const principal = principalOfRequest(request);
    const result = await this.pool.query<SprintSummary>(
      `SELECT sprint_id AS id, name, status, version, planned_at AS "plannedAt",
              started_at AS "startedAt", completed_at AS "completedAt"
       FROM sprint_overview ORDER BY planned_at DESC, sprint_id`,
    );
    return result.rows.filter((summary) => mayRead(principal, summary.id));
  }

  @Query(() => Dashboard, {
    nullable: true,
    description: 'Where a sprint stands: overview, agent cards, phase trackers, critical path.',
  })
  async dashboard(
    @Args('sprintId', { type: () => ID }) sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<Dashboard | null> {
    const rows = await sprintRowsOfRequest(request, this.pool, sprintId);
    return rows ? toDashboard(rows) : null;
  }

  @Query(() => SprintMetricsView, {
    nullable: true,
    description:
      'Time, blocker, checkpoint, quality, velocity and deliverable metrics, and the burndown.',
  })
  async metrics(
    @Args('sprintId', { type: () => ID }) sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<SprintMetricsView | null> {
    const rows = await sprintRowsOfRequest(request, this.pool, sprintId);
    return rows ? buildMetrics(rows) : null;
  }

  @Query(() => [Checkpoint], {
    nullable: true,
    description:
      'Checkpoints with status, result, criteria, phase, hour window and when started and decided.',
  })
  async checkpoints(
    @Args('sprintId', { type: () => ID }) sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<Checkpoint[] | null> {
    const rows = await sprintRowsOfRequest(request, this.pool, sprintId);
    return rows
      ? rows.checkpoints.map(({ windowFrom, windowTo, ...checkpoint }) => ({
          ...checkpoint,
          hourWindow: { from: windowFrom, to: windowTo },
        }))
      : null;
  }

  @Query(() => String, {
    nullable: true,
    description: 'The dashboard as a Markdown document in the layout of the hand-kept original.',
  })
  async dashboardMarkdown(
    @Args('sprintId', { type: () => ID }) sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<string | null> {
    const rows = await sprintRowsOfRequest(request, this.pool, sprintId);
    return rows ? renderDashboardMarkdown(rows, this.clock.now().toISOString()) : null;
  }

  @Query(() => CriticalPathView, {
    nullable: true,
    description: 'Earliest and latest start and finish, slack and the critical chains of a sprint.',
  })
  async criticalPath(
    @Args('sprintId', { type: () => ID }) sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<CriticalPathView | null> {
    const rows = await sprintRowsOfRequest(request, this.pool, sprintId);
    return rows ? toCriticalPath(rows, sprintCriticalPath(rows)) : null;
  }
}
