import { SprintIdArg } from '../common/graphql-arguments.js';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { principalOfRequest } from '../access/access.guard.js';
import { mayRead, requireReadable } from '../access/authorize.js';
import { Clock } from '../common/clock.js';
import {
  allRowParts,
  type Remember,
  type RowPart,
  type SprintRows,
} from '../read-models/sprint-rows.js';
import { sprintFromRows } from '../read-models/sprint-view.js';
import { SprintViewQuery } from '../read-models/sprint-view.query.js';
import { type Checkpoint, Sprint } from '../sprints/graphql/objects.js';
import { readyTasks } from '../sprints/timing/ready-queue.js';
import type { ReadyTask } from '../sprints/timing/timing.graphql.js';
import { AppError } from '../common/errors.js';
import { PageArgs, connectionOf, type ConnectionShape } from '../read-models/connection.js';
import { renderDashboardMarkdown } from './dashboard-markdown.js';
import { dashboardNeeds, kpiNeeds, toCriticalPath, toDashboard } from './dashboard-view.js';
import { sprintCriticalPath } from './dashboard.js';
import {
  CriticalPathView,
  Dashboard,
  ForecastView,
  SprintKpisView,
  SprintSummary,
  CheckpointConnection,
  ReadyTaskConnection,
  SprintSummaryConnection,
} from './dashboard.types.js';
import { forecastOf } from './forecast.js';
import { buildSprintKpis } from './sprint-kpis.js';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly queryBus: QueryBus,
  ) {}

  /** A view of the sprint, from its rows read once per request, over the QueryBus. */
  private view<View>(
    sprintId: string,
    request: FastifyRequest,
    build: (rows: SprintRows, remember: Remember) => View,
    needs: readonly RowPart[] = allRowParts,
  ): Promise<View | null> {
    return this.queryBus.execute(new SprintViewQuery(sprintId, build, request, needs));
  }

  @Query(() => Sprint, { nullable: true, description: 'A sprint by id (its plan key), whole.' })
  sprint(
    @Args('id', { type: () => ID, description: "The sprint's id." }) id: string,
    @Context('request') request: FastifyRequest,
  ): Promise<Sprint | null> {
    return this.view(id, request, sprintFromRows);
  }

  @Query(() => SprintSummaryConnection, {
    description: 'Every sprint the token may read, the most recently planned first.',
  })
  async sprints(
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<SprintSummary>> {
    const principal = principalOfRequest(request);
    const result = await this.pool.query<SprintSummary>(
      `SELECT sprint_id AS id, name, status, version, planned_at AS "plannedAt",
              started_at AS "startedAt", completed_at AS "completedAt"
       FROM sprint_overview ORDER BY planned_at DESC, sprint_id`,
    );
    return connectionOf(
      result.rows.filter((summary) => mayRead(principal, summary.id)),
      page,
    );
  }

  @Query(() => Dashboard, {
    nullable: true,
    description: 'Where a sprint stands: overview, agent cards, phase trackers, critical path.',
  })
  dashboard(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<Dashboard | null> {
    return this.view(sprintId, request, toDashboard, dashboardNeeds);
  }

  @Query(() => SprintKpisView, {
    nullable: true,
    description:
      'Time, blocker, checkpoint, quality, velocity and deliverable metrics, and the burndown.',
  })
  metrics(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<SprintKpisView | null> {
    return this.view(sprintId, request, buildSprintKpis, kpiNeeds);
  }

  @Query(() => CheckpointConnection, {
    nullable: true,
    description:
      'Checkpoints, in plan order, with status, result, criteria, phase, hour window and when started and decided.',
  })
  checkpoints(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<Checkpoint> | null> {
    return this.view(sprintId, request, (rows) => connectionOf(rows.checkpoints, page), [
      'checkpoints',
    ]);
  }

  @Query(() => String, {
    nullable: true,
    description: 'The dashboard as a Markdown document in the layout of the hand-kept original.',
  })
  dashboardMarkdown(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<string | null> {
    return this.view(sprintId, request, (rows, remember) =>
      renderDashboardMarkdown(rows, this.clock.now().toISOString(), remember),
    );
  }

  @Query(() => ForecastView, {
    nullable: true,
    description:
      'When the sprint will finish, P50 and P90, from its actuals so far, and the tasks that drive it.',
  })
  forecast(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<ForecastView | null> {
    return this.view(
      sprintId,
      request,
      (rows, remember) => forecastOf(rows, this.clock.now().toISOString(), remember),
      ['phases', 'tasks'],
    );
  }

  @Query(() => ReadyTaskConnection, {
    nullable: true,
    description:
      'What an agent can start now, most urgent first (least slack on the critical path, then phase order): assigned to it, not started, unheld, dependencies complete, no blocker stopping it. Each one claimTask accepts.',
  })
  readyTasks(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
    @Args('agent', {
      type: () => String,
      nullable: true,
      description: 'The agent; the token’s own agent when left out.',
    })
    agent?: string | null,
  ): Promise<ConnectionShape<ReadyTask> | null> {
    const principal = principalOfRequest(request);
    requireReadable(principal, sprintId);
    const forAgent = agent ?? principal.agent;
    if (!forAgent) {
      throw new AppError(
        'VALIDATION_FAILED',
        'this token acts as no agent: name the agent',
        'agent',
      );
    }
    return this.view(
      sprintId,
      request,
      (rows, remember) =>
        connectionOf(readyTasks(rows, forAgent, sprintCriticalPath(rows, remember)), page),
      ['phases', 'tasks', 'blockers'],
    );
  }

  @Query(() => CriticalPathView, {
    nullable: true,
    description: 'Earliest and latest start and finish, slack and the critical chains of a sprint.',
  })
  criticalPath(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
  ): Promise<CriticalPathView | null> {
    return this.view(
      sprintId,
      request,
      (rows, remember) => toCriticalPath(rows, sprintCriticalPath(rows, remember)),
      ['phases', 'tasks'],
    );
  }
}
