import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  type AgentStatus,
  type PhaseStatus,
  type RiskLevel,
  type SprintStatus,
} from '../sprints/model/vocabulary.js';
import { Checkpoint, Deliverable, HourRange, Task } from '../sprints/graphql/objects.js';
import { Blocker } from '../sprints/graphql/log-objects.js';
import { ReadyTask } from '../sprints/timing/timing.graphql.js';
import { Connection } from '../read-models/connection.js';
import {
  AgentStatusEnum,
  PhaseStatusEnum,
  RiskLevelEnum,
  SprintStatusEnum,
  QualityStatusEnum,
  type QualityStatus,
} from '../sprints/graphql/enums.js';

@ObjectType({ description: 'The status box at the top of the dashboard.' })
export class StatusOverview {
  @Field(() => Int, { description: 'Phases complete.' }) phasesComplete!: number;
  @Field(() => Int, { description: 'Phases in the plan.' }) phaseCount!: number;
  @Field(() => Float, { description: 'Estimated hours of complete tasks over all, in percent.' })
  progressPercent!: number;
  @Field(() => Int, { description: 'Agents working a task now.' }) activeAgents!: number;
  @Field(() => Int, { description: 'Agents in the sprint, retired ones left out.' })
  agentCount!: number;
  @Field(() => Int, { description: 'Blockers still open.' }) openBlockers!: number;
  @Field(() => Int, { description: 'Issues reported.' }) issuesFound!: number;
  @Field(() => Int, { description: 'Issues VALIDATED or CLOSED.' }) issuesResolved!: number;
  @Field(() => Int, { description: 'Tasks in the plan, cancelled ones left out.' })
  taskCount!: number;
  @Field(() => Int, { description: 'Tasks complete.' }) tasksComplete!: number;
  @Field(() => Int, { description: 'Deliverables delivered.' }) deliverablesDone!: number;
  @Field(() => Int, { description: 'Deliverables in the plan.' }) deliverableCount!: number;
  @Field(() => Int, { description: 'Checkpoints not yet decided.' }) checkpointsPending!: number;
  @Field(() => Int, { description: 'Checkpoints passed.' }) checkpointsPassed!: number;
  @Field(() => Int, { description: 'Checkpoints in the plan.' }) checkpointCount!: number;
  @Field(() => Int, { description: 'Risks ACTIVE or TRIGGERED.' }) activeRisks!: number;
  @Field(() => Int, { description: 'Risks in the register.' }) riskCount!: number;
}

@ObjectType({ description: 'One agent’s box: what it does now and what comes next.' })
export class AgentCard {
  @Field({ description: "The agent's name." }) name!: string;
  @Field({ description: 'What the agent does in this sprint.' }) role!: string;
  @Field(() => AgentStatusEnum, { description: 'Where the agent is in its work.' })
  status!: AgentStatus;
  @Field(() => String, {
    nullable: true,
    description: 'The agent who takes over its blockers when it goes silent, if any.',
  })
  backup!: string | null;
  @Field(() => [String], { description: "What the agent's work depends on, as the plan lists it." })
  criticalDependencies!: readonly string[];
  @Field(() => Task, { nullable: true, description: 'The task it is working now, if any.' })
  currentTask!: Task | null;
  @Field(() => Int, { description: 'How many of its tasks are complete.' }) tasksDone!: number;
  @Field(() => Int, { description: 'How many tasks it is assigned, cancelled ones left out.' })
  taskCount!: number;
  @Field(() => Task, {
    nullable: true,
    description: 'The first of its tasks that can start, else the first not started.',
  })
  nextTask!: Task | null;
  @Field(() => [String], { description: 'What the next task still waits for.' })
  nextTaskWaitingFor!: readonly string[];
  @Field(() => [Task], { description: 'Its tasks in plan order.' }) tasks!: readonly Task[];
}

@ObjectType({ description: 'One phase’s tracker.' })
export class PhaseTracker {
  @Field(() => Int, { description: 'Its number in the plan.' }) number!: number;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => PhaseStatusEnum, { description: 'Where it is, from its tasks.' })
  status!: PhaseStatus;
  @Field(() => HourRange, { description: 'How long it should take, as the plan says.' })
  estimateHours!: HourRange;
  @Field(() => [String], { description: 'The agents assigned its tasks.' })
  assignedAgents!: readonly string[];
  @Field(() => [Int], { description: 'The numbers of the phases it waits for.' })
  dependsOn!: readonly number[];
  @Field({ description: 'Whether the plan puts it on the critical path.' }) criticalPath!: boolean;
  @Field(() => RiskLevelEnum, { nullable: true, description: 'How risky it is, if the plan says.' })
  riskLevel!: RiskLevel | null;
  @Field(() => [Task], { description: 'Its tasks, in plan order.' }) tasks!: readonly Task[];
  @Field(() => [Deliverable], { description: 'The deliverables of the phase.' })
  deliverables!: readonly Deliverable[];
  @Field(() => [String], { description: 'e.g. "Awaiting Phase 1 completion", open blockers.' })
  waitingFor!: readonly string[];
  @Field(() => Float, { description: 'Hours logged on its tasks.' }) actualHours!: number;
  @Field(() => Float, { description: "Its tasks' estimated hours." }) estimatedHours!: number;
}

@ObjectType({
  description: "A task with its critical-path schedule, in hours since the sprint's start.",
})
export class ScheduledTask {
  @Field(() => ID, { description: 'The id of the task.' }) taskId!: string;
  @Field(() => Float, { description: 'Its estimated duration.' }) durationHours!: number;
  @Field(() => Float, { description: 'The earliest it can start.' }) earliestStart!: number;
  @Field(() => Float, { description: 'The earliest it can finish.' }) earliestFinish!: number;
  @Field(() => Float, { description: 'The latest it can start without delaying the sprint.' })
  latestStart!: number;
  @Field(() => Float, { description: 'The latest it can finish without delaying the sprint.' })
  latestFinish!: number;
  @Field(() => Float, { description: 'Negative when the target finish can no longer be met.' })
  slack!: number;
  @Field({ description: 'Whether it is on the critical path (no slack).' }) critical!: boolean;
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
  @Field(() => [ScheduledTask], {
    description: 'Every task with its schedule, critical ones flagged.',
  })
  tasks!: readonly ScheduledTask[];
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
  @Field(() => Float, { description: "Estimated hours of the path's complete tasks." })
  hoursDone!: number;
  @Field(() => Float, { description: "Of the path's estimated hours, the percent complete." })
  percentDone!: number;
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
  @Field(() => ID, { description: "The sprint's id." }) sprintId!: string;
  @Field({ description: "The sprint's name." }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The git branch the sprint works on, if the plan names one.',
  })
  branch!: string | null;
  @Field(() => SprintStatusEnum, { description: 'Where the sprint is.' }) status!: SprintStatus;
  @Field(() => String, {
    nullable: true,
    description: 'The start date the plan gives, as written there.',
  })
  startDate!: string | null;
  @Field(() => HourRange, { description: 'The hours the plan aims to take.' })
  targetHours!: HourRange;
  @Field(() => Int, { description: "The sprint's version: how many events it has recorded." })
  version!: number;
  @Field(() => StatusOverview, { description: 'The status box.' }) overview!: StatusOverview;
  @Field(() => [AgentCard], { description: 'One card per agent, in plan order.' })
  agents!: readonly AgentCard[];
  @Field(() => [PhaseTracker], { description: 'One tracker per phase, in plan order.' })
  phases!: readonly PhaseTracker[];
  @Field(() => [Blocker], { description: 'The blockers still open, most severe first.' })
  openBlockers!: readonly Blocker[];
  @Field(() => CriticalPathView, { description: 'The critical path and how far along it is.' })
  criticalPath!: CriticalPathView;
  /** The scope log, newest first: a connection (dashboard-lists.resolver.ts). */
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
  @Field({ description: 'What it measures: the sprint or a phase.' }) name!: string;
  @Field(() => Float, { description: 'The fewest hours planned.' }) plannedMin!: number;
  @Field(() => Float, { description: 'The most hours planned.' }) plannedMax!: number;
  @Field(() => Float, { description: 'Hours logged.' }) actualHours!: number;
  @Field(() => Float, { description: 'Actual hours minus the most planned; above 0 is over.' })
  varianceHours!: number;
}

@ObjectType({ description: 'Estimated against logged hours of the complete tasks.' })
export class Velocity {
  @Field({ description: 'What it measures: the sprint or a phase.' }) name!: string;
  @Field(() => Float, { description: 'Estimated hours of the complete tasks.' })
  plannedHours!: number;
  @Field(() => Float, { description: 'Hours logged on the complete tasks.' }) actualHours!: number;
  @Field(() => Float, { nullable: true, description: 'planned / actual; above 1 is faster.' })
  ratio!: number | null;
}

@ObjectType({
  description: 'A quality metric of the dashboard: target, actual, and whether it is met.',
})
export class QualityMetricView {
  @Field({ description: "The metric's name, e.g. coverage." }) metric!: string;
  @Field({ description: 'Its target, as the plan writes it (e.g. >= 80%).' }) target!: string;
  @Field(() => String, { nullable: true, description: 'The last value recorded, if any.' })
  actual!: string | null;
  @Field(() => QualityStatusEnum, { description: 'Whether the last value meets the target.' })
  status!: QualityStatus;
}

@ObjectType({
  description:
    'The burndown and burnup after a change in what is complete or in the scope: remaining, completed and all estimated hours.',
})
export class BurndownPoint {
  @Field(() => Date, { description: 'When the change happened.' }) at!: string;
  @Field(() => Float, { description: 'Estimated hours of the tasks still to do (the burndown).' })
  remainingHours!: number;
  @Field(() => Float, {
    description: 'Estimated hours of the tasks complete by then (the burnup).',
  })
  completedHours!: number;
  @Field(() => Float, { description: 'The estimated hours of the whole plan then.' })
  scopeHours!: number;
}

@ObjectType({ description: 'The plan at the sprint’s start (its baseline) against the plan now.' })
export class ScopeMetrics {
  @Field(() => Float, { nullable: true, description: 'Estimated hours at the start.' })
  baselineHours!: number | null;
  @Field(() => Float, { description: 'Estimated hours now.' }) currentHours!: number;
  @Field(() => Float, { description: 'Added since the start: new tasks, raised estimates.' })
  addedHours!: number;
  @Field(() => Float, { description: 'Removed since: cancelled tasks, lowered estimates.' })
  removedHours!: number;
  @Field(() => Int, { description: 'Scope changes recorded since the start.' }) changes!: number;
}

@ObjectType({ description: 'One entry of the scope log.' })
export class ScopeChange {
  @Field(() => Date, { description: 'When it was made.' }) at!: string;
  @Field(() => String, { nullable: true, description: 'Who made it.' }) by!: string | null;
  @Field({ description: 'The event that recorded it, e.g. TaskAdded.' }) event!: string;
  @Field(() => String, { nullable: true, description: 'The task, phase, agent... it is about.' })
  subject!: string | null;
  @Field(() => String, { nullable: true, description: 'The value before, if it had one.' }) from!:
    string | null;
  @Field(() => String, { nullable: true, description: 'The value after, if it has one.' }) to!:
    string | null;
  @Field(() => Float, { description: 'Estimated hours it added (negative: removed).' })
  hoursDelta!: number;
}

@ObjectType({ description: 'A page of the scope log.' })
export class ScopeChangeConnection extends Connection(ScopeChange, 'ScopeChange') {}

/** The sprint's KPIs; the API keeps the name its clients know, `SprintMetricsView`. */
@ObjectType('SprintMetricsView', { description: 'The metrics section of the dashboard.' })
export class SprintKpisView {
  @Field(() => TimeMetric, { description: 'Planned against actual hours of the whole sprint.' })
  total!: TimeMetric;
  @Field(() => [TimeMetric], { description: 'Planned against actual hours per phase.' })
  phases!: readonly TimeMetric[];
  @Field(() => Float, { nullable: true, description: 'Mean hours from raised to resolved.' })
  blockerResolutionHours!: number | null;
  @Field(() => Int, { description: 'How many blockers are resolved.' }) blockersResolved!: number;
  @Field(() => Float, { nullable: true, description: 'Mean hours from started to decided.' })
  checkpointValidationHours!: number | null;
  @Field(() => [QualityMetricView], { description: 'Each quality target and how it stands.' })
  quality!: readonly QualityMetricView[];
  @Field(() => Velocity, { description: 'Velocity of the whole sprint.' }) velocity!: Velocity;
  @Field(() => [Velocity], { description: 'Velocity per phase, in plan order.' })
  phaseVelocity!: readonly Velocity[];
  @Field(() => Float, { nullable: true, description: 'Percent of issues VALIDATED or CLOSED.' })
  issueResolutionRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Percent of decided checkpoints that passed.',
  })
  checkpointPassRate!: number | null;
  @Field(() => Int, { description: 'How many are delivered.' }) deliverablesDone!: number;
  @Field(() => Int, { description: 'How many deliverables the plan has.' })
  deliverableCount!: number;
  @Field(() => Float, { description: 'Of the deliverables, the percent delivered.' })
  deliverablesPercent!: number;
  @Field(() => [BurndownPoint], {
    description: 'The burndown after each change in what is complete or planned.',
  })
  burndown!: readonly BurndownPoint[];
  @Field(() => ScopeMetrics, { description: 'How the plan has changed since the start.' })
  scope!: ScopeMetrics;
}

@ObjectType({ description: 'A sprint in the list of sprints.' })
export class SprintSummary {
  @Field(() => ID, { description: 'Its id.' }) id!: string;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => SprintStatusEnum, { description: 'Where it is.' }) status!: SprintStatus;
  @Field(() => Int, { description: 'Its version: how many events it has recorded.' })
  version!: number;
  @Field(() => Date, { description: 'When its plan was imported.' }) plannedAt!: string;
  @Field(() => Date, { nullable: true, description: 'When its first task started.' }) startedAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When it completed.' }) completedAt!:
    string | null;
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
