import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  type AgentStatus,
  type PhaseStatus,
  type RiskLevel,
  type SprintStatus,
} from '../sprints/model/vocabulary.js';
import { Blocker, Checkpoint, Deliverable, HourRange, Task } from '../sprints/graphql/objects.js';
import { ReadyTask } from '../sprints/timing/timing.graphql.js';
import { Connection } from '../read-models/connection.js';
import {
  AgentStatusEnum,
  PhaseStatusEnum,
  RiskLevelEnum,
  SprintStatusEnum,
} from '../sprints/graphql/enums.js';

@ObjectType({ description: 'The status box at the top of the dashboard.' })
export class StatusOverview {
  @Field(() => Int) phasesComplete!: number;
  @Field(() => Int) phaseCount!: number;
  @Field(() => Float, { description: 'Estimated hours of complete tasks over all, in percent.' })
  progressPercent!: number;
  @Field(() => Int) activeAgents!: number;
  @Field(() => Int) agentCount!: number;
  @Field(() => Int) openBlockers!: number;
  @Field(() => Int) issuesFound!: number;
  @Field(() => Int, { description: 'Issues VALIDATED or CLOSED.' }) issuesResolved!: number;
  @Field(() => Int) taskCount!: number;
  @Field(() => Int) tasksComplete!: number;
  @Field(() => Int) deliverablesDone!: number;
  @Field(() => Int) deliverableCount!: number;
  @Field(() => Int) checkpointsPending!: number;
  @Field(() => Int) checkpointsPassed!: number;
  @Field(() => Int) checkpointCount!: number;
  @Field(() => Int) activeRisks!: number;
  @Field(() => Int) riskCount!: number;
}

@ObjectType({ description: 'One agent’s box: what it does now and what comes next.' })
export class AgentCard {
  @Field() name!: string;
  @Field() role!: string;
  @Field(() => AgentStatusEnum) status!: AgentStatus;
  @Field(() => String, { nullable: true }) backup!: string | null;
  @Field(() => [String]) criticalDependencies!: readonly string[];
  @Field(() => Task, { nullable: true }) currentTask!: Task | null;
  @Field(() => Int) tasksDone!: number;
  @Field(() => Int) taskCount!: number;
  @Field(() => Task, {
    nullable: true,
    description: 'The first of its tasks that can start, else the first not started.',
  })
  nextTask!: Task | null;
  @Field(() => [String], { description: 'What the next task still waits for.' })
  nextTaskWaitingFor!: readonly string[];
  @Field(() => [Task]) tasks!: readonly Task[];
}

@ObjectType({ description: 'One phase’s tracker.' })
export class PhaseTracker {
  @Field(() => Int) number!: number;
  @Field() name!: string;
  @Field(() => PhaseStatusEnum) status!: PhaseStatus;
  @Field(() => HourRange) estimateHours!: HourRange;
  @Field(() => [String]) assignedAgents!: readonly string[];
  @Field(() => [Int]) dependsOn!: readonly number[];
  @Field() criticalPath!: boolean;
  @Field(() => RiskLevelEnum, { nullable: true }) riskLevel!: RiskLevel | null;
  @Field(() => [Task]) tasks!: readonly Task[];
  @Field(() => [Deliverable]) deliverables!: readonly Deliverable[];
  @Field(() => [String], { description: 'e.g. "Awaiting Phase 1 completion", open blockers.' })
  waitingFor!: readonly string[];
  @Field(() => Float) actualHours!: number;
  @Field(() => Float) estimatedHours!: number;
}

@ObjectType()
export class ScheduledTask {
  @Field(() => ID) taskId!: string;
  @Field(() => Float) durationHours!: number;
  @Field(() => Float) earliestStart!: number;
  @Field(() => Float) earliestFinish!: number;
  @Field(() => Float) latestStart!: number;
  @Field(() => Float) latestFinish!: number;
  @Field(() => Float, { description: 'Negative when the target finish can no longer be met.' })
  slack!: number;
  @Field() critical!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The predecessor that sets its earliest start.',
  })
  drivenBy!: string | null;
}

@ObjectType({
  description:
    'The critical path method over phases and tasks: done tasks count their actual hours, running ones actual plus what remains of the estimate, the rest their estimate.',
})
export class CriticalPathView {
  @Field(() => [ScheduledTask]) tasks!: readonly ScheduledTask[];
  @Field(() => [[String]], { description: 'The critical chains, each in order; 10 at most.' })
  chains!: readonly (readonly string[])[];
  @Field(() => Float, { description: 'Computed length of the path.' }) totalHours!: number;
  @Field(() => Float, {
    description: 'The finish slack is measured against: the target’s upper end.',
  })
  targetHours!: number;
  @Field(() => Float, { nullable: true, description: 'The plan’s declared critical path.' })
  declaredHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'The plan’s hours with buffers.' })
  bufferedHours!: number | null;
  @Field(() => Float) hoursDone!: number;
  @Field(() => Float) percentDone!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Its length in the baseline, the plan as the sprint started; null before.',
  })
  baselineHours!: number | null;
  @Field(() => [String], { nullable: true, description: 'The baseline’s critical chain.' })
  baselineChain!: readonly string[] | null;
}

@ObjectType({ description: 'Everything the coordination dashboard shows, from the read models.' })
export class Dashboard {
  @Field(() => ID) sprintId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) branch!: string | null;
  @Field(() => SprintStatusEnum) status!: SprintStatus;
  @Field(() => String, { nullable: true }) startDate!: string | null;
  @Field(() => HourRange) targetHours!: HourRange;
  @Field(() => Int) version!: number;
  @Field(() => StatusOverview) overview!: StatusOverview;
  @Field(() => [AgentCard]) agents!: readonly AgentCard[];
  @Field(() => [PhaseTracker]) phases!: readonly PhaseTracker[];
  @Field(() => [Blocker]) openBlockers!: readonly Blocker[];
  @Field(() => CriticalPathView) criticalPath!: CriticalPathView;
  @Field(() => [ScopeChange], { description: 'The scope log, newest first.' })
  scopeChanges!: readonly ScopeChange[];
  @Field(() => Date, { nullable: true, description: 'When its latest event happened.' })
  updatedAt!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Once it runs: its start plus its critical path (done tasks at actual hours).',
  })
  targetCompletion!: string | null;
}

@ObjectType({
  description: 'Planned against actual hours; variance is actual minus the upper plan.',
})
export class TimeMetric {
  @Field() name!: string;
  @Field(() => Float) plannedMin!: number;
  @Field(() => Float) plannedMax!: number;
  @Field(() => Float) actualHours!: number;
  @Field(() => Float) varianceHours!: number;
}

@ObjectType({ description: 'Estimated against logged hours of the complete tasks.' })
export class Velocity {
  @Field() name!: string;
  @Field(() => Float) plannedHours!: number;
  @Field(() => Float) actualHours!: number;
  @Field(() => Float, { nullable: true, description: 'planned / actual; above 1 is faster.' })
  ratio!: number | null;
}

@ObjectType()
export class QualityMetricView {
  @Field() metric!: string;
  @Field() target!: string;
  @Field(() => String, { nullable: true }) actual!: string | null;
  @Field({ description: 'MET, NOT_MET or PENDING.' }) status!: string;
}

@ObjectType({
  description:
    'The burndown and burnup after a change in what is complete or in the scope: remaining, completed and all estimated hours.',
})
export class BurndownPoint {
  @Field(() => Date) at!: string;
  @Field(() => Float) remainingHours!: number;
  @Field(() => Float) completedHours!: number;
  @Field(() => Float, { description: 'The estimated hours of the whole plan then.' })
  scopeHours!: number;
}

@ObjectType({ description: 'The plan at the sprint’s start (its baseline) against the plan now.' })
export class ScopeMetrics {
  @Field(() => Float, { nullable: true, description: 'Estimated hours at the start.' })
  baselineHours!: number | null;
  @Field(() => Float) currentHours!: number;
  @Field(() => Float, { description: 'Added since the start: new tasks, raised estimates.' })
  addedHours!: number;
  @Field(() => Float, { description: 'Removed since: cancelled tasks, lowered estimates.' })
  removedHours!: number;
  @Field(() => Int, { description: 'Scope changes recorded since the start.' }) changes!: number;
}

@ObjectType({ description: 'One entry of the scope log.' })
export class ScopeChange {
  @Field(() => Date) at!: string;
  @Field(() => String, { nullable: true, description: 'Who made it.' }) by!: string | null;
  @Field({ description: 'The event that recorded it, e.g. TaskAdded.' }) event!: string;
  @Field(() => String, { nullable: true, description: 'The task, phase, agent... it is about.' })
  subject!: string | null;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => Float, { description: 'Estimated hours it added (negative: removed).' })
  hoursDelta!: number;
}

/** The sprint's KPIs; the API keeps the name its clients know, `SprintMetricsView`. */
@ObjectType('SprintMetricsView', { description: 'The metrics section of the dashboard.' })
export class SprintKpisView {
  @Field(() => TimeMetric) total!: TimeMetric;
  @Field(() => [TimeMetric]) phases!: readonly TimeMetric[];
  @Field(() => Float, { nullable: true, description: 'Mean hours from raised to resolved.' })
  blockerResolutionHours!: number | null;
  @Field(() => Int) blockersResolved!: number;
  @Field(() => Float, { nullable: true, description: 'Mean hours from started to decided.' })
  checkpointValidationHours!: number | null;
  @Field(() => [QualityMetricView]) quality!: readonly QualityMetricView[];
  @Field(() => Velocity) velocity!: Velocity;
  @Field(() => [Velocity]) phaseVelocity!: readonly Velocity[];
  @Field(() => Float, { nullable: true, description: 'Percent of issues VALIDATED or CLOSED.' })
  issueResolutionRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Percent of decided checkpoints that passed.',
  })
  checkpointPassRate!: number | null;
  @Field(() => Int) deliverablesDone!: number;
  @Field(() => Int) deliverableCount!: number;
  @Field(() => Float) deliverablesPercent!: number;
  @Field(() => [BurndownPoint]) burndown!: readonly BurndownPoint[];
  @Field(() => ScopeMetrics) scope!: ScopeMetrics;
}

@ObjectType({ description: 'A sprint in the list of sprints.' })
export class SprintSummary {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => SprintStatusEnum) status!: SprintStatus;
  @Field(() => Int) version!: number;
  @Field(() => Date) plannedAt!: string;
  @Field(() => Date, { nullable: true }) startedAt!: string | null;
  @Field(() => Date, { nullable: true }) completedAt!: string | null;
}

@ObjectType({
  description:
    'When the sprint will finish, from its actuals: the critical path of the work left, each estimate scaled by its agent’s actual/estimated ratio so far, sampled for a P50 and a P90.',
})
export class ForecastView {
  @Field(() => Float, { description: 'Hours of critical path left, at the median.' })
  remainingHoursP50!: number;
  @Field(() => Float, { description: 'Hours of critical path left, 9 times in 10 at most.' })
  remainingHoursP90!: number;
  @Field(() => Date, {
    nullable: true,
    description: 'Now plus the P50 hours; null before the start.',
  })
  finishP50!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Now plus the P90 hours; null before the start.',
  })
  finishP90!: string | null;
  @Field(() => Int, { description: 'Finished tasks whose actual/estimated ratio it rests on.' })
  observedTasks!: number;
  @Field(() => Float, {
    description: 'Their median ratio: above 1, work takes longer than estimated.',
  })
  medianRatio!: number;
  @Field(() => Int, { description: 'How many samples of the ratios were drawn.' })
  samples!: number;
  @Field(() => [String], {
    description: 'The unfinished tasks on the P50 critical path, in order.',
  })
  drivers!: readonly string[];
}

@ObjectType({ description: 'Sprints, a page at a time.' })
export class SprintSummaryConnection extends Connection(SprintSummary, 'SprintSummary') {}

@ObjectType({ description: 'A sprint’s checkpoints, a page at a time.' })
export class CheckpointConnection extends Connection(Checkpoint, 'Checkpoint') {}

@ObjectType({ description: 'The tasks an agent can start now, a page at a time.' })
export class ReadyTaskConnection extends Connection(ReadyTask, 'ReadyTask') {}
