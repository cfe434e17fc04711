import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ErrorCode } from '../../common/errors.js';
import type { SprintState } from '../model/state.js';
import {
  AgentCommands,
  BaselinePathView,
  Contact,
  FileGroup,
  NextStep,
} from './handbook-objects.js';
import { Blocker, Communication, Issue } from './log-objects.js';
import type {
  AgentStatus,
  CheckpointStatus,
  DeliverableCategory,
  PhaseStatus,
  RiskLevel,
  RiskStatus,
  SprintStatus,
  TaskStatus,
} from '../model/vocabulary.js';
import {
  AgentStatusEnum,
  CheckpointStatusEnum,
  DeliverableCategoryEnum,
  ErrorCodeEnum,
  PhaseStatusEnum,
  RiskLevelEnum,
  RiskStatusEnum,
  SprintStatusEnum,
  TaskStatusEnum,
} from './enums.js';

/**
 * The sprint as GraphQL shows it. Code-first classes restate the state's shape (state.ts);
 * test/schema.test.ts holds each to the state's fields.
 */

@ObjectType({ description: 'A range of hours, min to max.' })
export class HourRange {
  @Field(() => Float, { description: 'The fewest hours.' }) min!: number;
  @Field(() => Float, { description: 'The most hours.' }) max!: number;
}

@ObjectType({ description: "A window of time in hours since the sprint's start." })
export class HourWindow {
  @Field(() => Float, { description: "Its start, in hours since the sprint's start." })
  from!: number;
  @Field(() => Float, { description: "Its end, in hours since the sprint's start." }) to!: number;
}

@ObjectType({
  description: 'An agent working the sprint, human or automated, and its place in the plan.',
})
export class Agent {
  @Field({
    description:
      "The agent's name, unique in the sprint (e.g. python-pro); events name it as the actor.",
  })
  name!: string;
  @Field({ description: 'What the agent does in this sprint.' }) role!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The agent who takes over its blockers when it goes silent, if any.',
  })
  backup!: string | null;
  @Field(() => [String], { description: "What the agent's work depends on, as the plan lists it." })
  criticalDependencies!: readonly string[];
  @Field(() => AgentStatusEnum, { description: 'Where the agent is in its work.' })
  status!: AgentStatus;
  @Field(() => Date, {
    nullable: true,
    description:
      'Since when it is unresponsive: a lease of its ran out. Cleared by its next claim.',
  })
  unresponsiveSince!: string | null;
}

@ObjectType({ description: 'A claim on a task, kept by heartbeats.' })
export class Lease {
  @Field({ description: 'The agent holding it.' }) agent!: string;
  @Field(() => Date, { description: 'When the agent claimed it.' }) claimedAt!: string;
  @Field(() => Date, { description: 'When a heartbeat last renewed it.' }) renewedAt!: string;
  @Field(() => Date, { description: 'When it runs out unless renewed.' }) expiresAt!: string;
  @Field(() => String, { nullable: true, description: 'The last progress note.' })
  note!: string | null;
}

@ObjectType({ description: 'A phase of the plan: tasks that run after the phases it depends on.' })
export class Phase {
  @Field(() => Int, { description: 'Its number in the plan.' }) number!: number;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => HourRange, { description: 'How long it should take.' }) estimateHours!: HourRange;
  @Field(() => [Int], { description: 'The numbers of the phases it waits for.' })
  dependsOn!: readonly number[];
  @Field({ description: 'Whether the plan puts it on the critical path.' }) criticalPath!: boolean;
  @Field(() => RiskLevelEnum, { nullable: true, description: 'How risky it is, if the plan says.' })
  riskLevel!: RiskLevel | null;
  @Field(() => [String], { description: 'The ids of its tasks, in plan order.' })
  taskIds!: readonly string[];
  @Field(() => PhaseStatusEnum, { description: 'Where it is, from its tasks.' })
  status!: PhaseStatus;
  @Field(() => Date, { nullable: true, description: 'When its first task started.' }) startedAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When its last task completed.' })
  completedAt!: string | null;
}

@ObjectType({
  description:
    'A task of a phase: worked by its assignees once the tasks it depends on are complete.',
})
export class Task {
  @Field(() => ID, { description: 'Its id in the plan (e.g. 1.1).' }) id!: string;
  @Field({ description: 'What to do.' }) title!: string;
  @Field(() => Int, { description: 'The number of its phase.' }) phase!: number;
  @Field(() => Float, { description: 'The hours planned: a range’s upper bound.' })
  estimateHours!: number;
  @Field(() => HourRange, { nullable: true, description: 'The estimate as a range (`1-2h`).' })
  estimateRange!: HourRange | null;
  @Field(() => [String], { description: 'The agents who work it.' }) assignees!: readonly string[];
  @Field(() => [String], { description: 'The ids of the tasks it waits for.' })
  dependsOn!: readonly string[];
  @Field(() => TaskStatusEnum, { description: 'Where it is.' }) status!: TaskStatus;
  @Field(() => Float, { description: 'Hours logged on it.' }) actualHours!: number;
  @Field(() => String, { nullable: true, description: 'The agent working on it.' })
  activeAgent!: string | null;
  @Field(() => String, { nullable: true, description: 'Why a coordinator forced its start.' })
  forcedReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When work on it started.' }) startedAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When it completed.' }) completedAt!:
    string | null;
  @Field(() => Lease, { nullable: true, description: 'The claim on it, while one is held.' })
  lease!: Lease | null;
  @Field(() => Int, {
    description: 'How many of its leases ran out; at 3 it waits for the coordinator.',
  })
  leaseExpiries!: number;
}

@ObjectType({ description: 'A point of the sprint where the work is checked against criteria.' })
export class Checkpoint {
  @Field(() => ID, { description: "The checkpoint's id in the plan (e.g. CP-1)." }) id!: string;
  @Field({ description: "The checkpoint's name." }) name!: string;
  @Field(() => Int, { description: 'The number of the phase it closes.' }) phase!: number;
  @Field(() => HourWindow, { description: "When it is due, in hours since the sprint's start." })
  hourWindow!: HourWindow;
  @Field(() => [String], { description: 'What must hold for it to pass.' })
  criteria!: readonly string[];
  @Field(() => CheckpointStatusEnum, { description: 'Where its validation is.' })
  status!: CheckpointStatus;
  @Field(() => String, { nullable: true, description: 'What the validation found, once decided.' })
  result!: string | null;
  @Field(() => Date, { nullable: true, description: 'When its validation started.' }) startedAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When it passed or failed.' }) decidedAt!:
    string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When it was recorded overdue: its hour window passed without a decision.',
  })
  overdueAt!: string | null;
}

@ObjectType({ description: 'Something the sprint delivers: code, documentation or a validation.' })
export class Deliverable {
  @Field(() => ID, { description: 'Its id in the plan (e.g. D-1).' }) id!: string;
  @Field(() => DeliverableCategoryEnum, { description: 'What kind of deliverable it is.' })
  category!: DeliverableCategory;
  @Field({ description: 'Its name, often a file path.' }) name!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The number of the phase that delivers it, if any.',
  })
  phase!: number | null;
  @Field(() => String, { nullable: true, description: 'Where it will be.' }) path!: string | null;
  @Field({ description: 'Whether it is delivered.' }) done!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was delivered.' }) doneAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a scope change took it out.' })
  cancelledAt!: string | null;
}

@ObjectType({ description: 'An entry of the risk register.' })
export class Risk {
  @Field(() => ID, { description: 'Its id in the plan (e.g. R-1).' }) id!: string;
  @Field({ description: 'What kind of risk it is.' }) category!: string;
  @Field(() => RiskLevelEnum, { description: 'How bad it would be.' }) severity!: RiskLevel;
  @Field(() => RiskStatusEnum, { description: 'Where it stands.' }) status!: RiskStatus;
  @Field({ description: 'What is done about it.' }) mitigation!: string;
}

@ObjectType({ description: 'A quality metric the sprint aims for.' })
export class QualityTarget {
  @Field({ description: "The metric's name, e.g. coverage." }) metric!: string;
  @Field({ description: 'Its target, as the plan writes it (e.g. >= 80%).' }) target!: string;
  @Field(() => String, { nullable: true, description: 'The last value recorded, if any.' })
  actual!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the last value was recorded.' })
  recordedAt!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a scope change dropped it.' })
  removedAt!: string | null;
}

@ObjectType({ description: 'How long a blocker of one severity may stay open, in minutes.' })
export class BlockerSla {
  @Field(() => Float, { description: 'Past it, it goes to the blocked agent’s backup.' })
  responseMinutes!: number;
  @Field(() => Float, { description: 'Past it, it goes to the escalation contact.' })
  resolutionMinutes!: number;
}

@ObjectType({ description: 'Each severity’s blocker SLA.' })
export class BlockerSlas {
  @Field(() => BlockerSla, { description: 'The SLA of P0 blockers.' }) P0!: BlockerSla;
  @Field(() => BlockerSla, { description: 'The SLA of P1 blockers.' }) P1!: BlockerSla;
  @Field(() => BlockerSla, { description: 'The SLA of P2 blockers.' }) P2!: BlockerSla;
  @Field(() => BlockerSla, { description: 'The SLA of P3 blockers.' }) P3!: BlockerSla;
}

@ObjectType({ description: 'The sprint’s clocks, as its plan set them.' })
export class SprintTiming {
  @Field(() => Int, { description: 'How long a claim holds a task without a heartbeat.' })
  leaseSeconds!: number;
  @Field(() => BlockerSlas, {
    description: 'How soon a blocker of each severity must be resolved.',
  })
  blockerSla!: BlockerSlas;
  @Field({ description: 'Whether an escalated blocker is raised one severity.' })
  escalationRaisesSeverity!: boolean;
}

@ObjectType({ description: 'A sprint as its events leave it.' })
export class Sprint {
  @Field(() => ID, { description: "Its id, the plan's key." }) id!: string;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The git branch the sprint works on, if the plan names one.',
  })
  branch!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The start date the plan gives, as written there.',
  })
  startDate!: string | null;
  @Field(() => HourRange, { description: 'The hours the plan aims to take.' })
  targetHours!: HourRange;
  @Field(() => Float, {
    nullable: true,
    description: "The critical path's length in estimated hours, once it has tasks.",
  })
  criticalPathHours!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The critical path's hours with the plan's buffer added, once it has tasks.",
  })
  bufferedHours!: number | null;
  @Field(() => SprintStatusEnum, { description: 'Where it is.' }) status!: SprintStatus;
  @Field(() => SprintTiming, { description: 'Its clocks: leases, SLAs, escalation.' })
  timing!: SprintTiming;
  @Field(() => Int, { description: 'Stream version: the number of events recorded.' })
  version!: number;
  @Field(() => Date, { description: 'When its plan was imported.' }) plannedAt!: string;
  @Field(() => Date, { nullable: true, description: 'When its first task started.' }) startedAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When it completed.' }) completedAt!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' }) cancelledAt!:
    string | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason!: string | null;
  @Field(() => Int, { description: 'Issues reported to the registry.' }) issuesFound!: number;
  @Field(() => Int, { description: 'Of those, VALIDATED or CLOSED.' }) issuesResolved!: number;
  @Field(() => BaselinePathView, { nullable: true, description: 'Set when the sprint starts.' })
  baselineCriticalPath!: BaselinePathView | null;
  @Field(() => [Agent], { description: 'Its agents, in plan order.' }) agents!: readonly Agent[];
  @Field(() => [Phase], { description: 'Its phases, in plan order.' }) phases!: readonly Phase[];
  @Field(() => [Task], { description: 'Every task, in plan order.' }) tasks!: readonly Task[];
  /** Every blocker raised: a connection (read-models/sprint-lists.resolver.ts). */
  blockers!: readonly Blocker[];
  /** The issue registry: a connection. */
  issues!: readonly Issue[];
  /** The communication log: a connection. */
  communications!: readonly Communication[];
  @Field(() => [Checkpoint], { description: 'Its checkpoints, in plan order.' })
  checkpoints!: readonly Checkpoint[];
  @Field(() => [Deliverable], { description: 'Its deliverables, in plan order.' })
  deliverables!: readonly Deliverable[];
  @Field(() => [Risk], { description: 'Its risk register, in plan order.' })
  risks!: readonly Risk[];
  @Field(() => [QualityTarget], { description: 'Its quality targets.' })
  qualityTargets!: readonly QualityTarget[];
  @Field(() => [AgentCommands], { description: 'The quick command reference, by agent.' })
  commands!: readonly AgentCommands[];
  @Field(() => [NextStep], { description: 'The next-steps checklist, in plan order.' })
  nextSteps!: readonly NextStep[];
  @Field(() => [Contact], { description: 'The emergency contacts.' })
  contacts!: readonly Contact[];
  @Field(() => String, {
    nullable: true,
    description: 'Who a problem the agents cannot settle goes to; null: the coordinator.',
  })
  escalation!: string | null;
  @Field(() => [FileGroup], { description: 'Where its files are, by group.' })
  fileLocations!: readonly FileGroup[];
}

@ObjectType({ description: 'An event a mutation recorded.' })
export class RecordedEventRef {
  @Field(() => ID, { description: "The event's id, stable on Kafka too." }) eventId!: string;
  @Field({ description: "The event's type: a SprintEventType." }) type!: string;
  @Field(() => Int, { description: "The sprint's version this event made." })
  streamVersion!: number;
  @Field(() => Float, { description: 'Global position in the event log.' }) position!: number;
}

@ObjectType({ description: 'Why a mutation was refused: nothing was recorded.' })
export class UserError {
  @Field(() => ErrorCodeEnum, { description: 'A stable code to switch on.' }) code!: ErrorCode;
  @Field(() => String, { nullable: true, description: 'The input field at fault.' })
  field!: string | null;
  @Field({ description: 'What was wrong, for a person.' }) message!: string;
  @Field(() => [String], {
    nullable: true,
    description: 'For INVALID_TRANSITION: the allowed moves.',
  })
  allowed!: readonly string[] | null;
}

type Records = Pick<
  SprintState,
  | 'agents'
  | 'phases'
  | 'tasks'
  | 'blockers'
  | 'issues'
  | 'communications'
  | 'checkpoints'
  | 'deliverables'
  | 'risks'
  | 'qualityTargets'
  | 'commands'
  | 'nextSteps'
>;

/** A sprint as lists of its records, in plan order: what the read models hold, too. */
export type SprintRecords = Omit<SprintState, keyof Records> & {
  readonly version: number;
} & { readonly [List in keyof Records]: readonly Records[List][string][] };

/** The one way a `Sprint` is made: from its records, whether they come from state or rows. */
export function sprintOf(records: SprintRecords): Sprint {
  return records;
}

const recordLists = [
  'agents',
  'phases',
  'tasks',
  'blockers',
  'issues',
  'communications',
  'checkpoints',
  'deliverables',
  'risks',
  'qualityTargets',
  'commands',
  'nextSteps',
] as const;

/**
 * The sprint's state as lists of its records. A list is made when it is read: a mutation's
 * payload lists only what its query asks for, so a command on a sprint of 10,000 issues does
 * not list them all to answer with three fields.
 */
export function toSprint(state: SprintState, version: number): Sprint {
  const sprint: Record<string, unknown> = { ...state, version };
  for (const list of recordLists) {
    Object.defineProperty(sprint, list, {
      enumerable: true,
      get: (): unknown[] => Object.values<unknown>(state[list]),
    });
  }
  return sprintOf(sprint as unknown as SprintRecords);
}
