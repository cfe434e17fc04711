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
import type {
  AgentStatus,
  BlockerSeverity,
  BlockerStatus,
  CheckpointStatus,
  CommunicationType,
  DeliverableCategory,
  IssueStatus,
  PhaseStatus,
  RiskLevel,
  RiskStatus,
  SprintStatus,
  TaskStatus,
} from '../model/vocabulary.js';
import {
  AgentStatusEnum,
  BlockerSeverityEnum,
  BlockerStatusEnum,
  CheckpointStatusEnum,
  CommunicationTypeEnum,
  DeliverableCategoryEnum,
  ErrorCodeEnum,
  IssueStatusEnum,
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

@ObjectType()
export class HourRange {
  @Field(() => Float) min!: number;
  @Field(() => Float) max!: number;
}

@ObjectType()
export class HourWindow {
  @Field(() => Float) from!: number;
  @Field(() => Float) to!: number;
}

@ObjectType()
export class Agent {
  @Field() name!: string;
  @Field() role!: string;
  @Field(() => String, { nullable: true }) backup!: string | null;
  @Field(() => [String]) criticalDependencies!: readonly string[];
  @Field(() => AgentStatusEnum) status!: AgentStatus;
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
  @Field(() => Date) claimedAt!: string;
  @Field(() => Date, { description: 'When a heartbeat last renewed it.' }) renewedAt!: string;
  @Field(() => Date, { description: 'When it runs out unless renewed.' }) expiresAt!: string;
  @Field(() => String, { nullable: true, description: 'The last progress note.' })
  note!: string | null;
}

@ObjectType()
export class Phase {
  @Field(() => Int) number!: number;
  @Field() name!: string;
  @Field(() => HourRange) estimateHours!: HourRange;
  @Field(() => [Int]) dependsOn!: readonly number[];
  @Field() criticalPath!: boolean;
  @Field(() => RiskLevelEnum, { nullable: true }) riskLevel!: RiskLevel | null;
  @Field(() => [String]) taskIds!: readonly string[];
  @Field(() => PhaseStatusEnum) status!: PhaseStatus;
  @Field(() => Date, { nullable: true }) startedAt!: string | null;
  @Field(() => Date, { nullable: true }) completedAt!: string | null;
}

@ObjectType()
export class Task {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => Int) phase!: number;
  @Field(() => Float, { description: 'The hours planned: a range’s upper bound.' })
  estimateHours!: number;
  @Field(() => HourRange, { nullable: true, description: 'The estimate as a range (`1-2h`).' })
  estimateRange!: HourRange | null;
  @Field(() => [String]) assignees!: readonly string[];
  @Field(() => [String]) dependsOn!: readonly string[];
  @Field(() => TaskStatusEnum) status!: TaskStatus;
  @Field(() => Float) actualHours!: number;
  @Field(() => String, { nullable: true, description: 'The agent working on it.' })
  activeAgent!: string | null;
  @Field(() => String, { nullable: true, description: 'Why a coordinator forced its start.' })
  forcedReason!: string | null;
  @Field(() => Date, { nullable: true }) startedAt!: string | null;
  @Field(() => Date, { nullable: true }) completedAt!: string | null;
  @Field(() => Lease, { nullable: true, description: 'The claim on it, while one is held.' })
  lease!: Lease | null;
  @Field(() => Int, {
    description: 'How many of its leases ran out; at 3 it waits for the coordinator.',
  })
  leaseExpiries!: number;
}

@ObjectType()
export class Blocker {
  @Field(() => ID) id!: string;
  @Field(() => BlockerSeverityEnum) severity!: BlockerSeverity;
  @Field() agent!: string;
  @Field(() => String, { nullable: true }) taskId!: string | null;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) communicationId!: string | null;
  @Field(() => BlockerStatusEnum) status!: BlockerStatus;
  @Field(() => Date) raisedAt!: string;
  @Field(() => Date, { nullable: true }) resolvedAt!: string | null;
  @Field(() => String, { nullable: true }) resolution!: string | null;
  @Field(() => Int, {
    description:
      'How far it was escalated: 0 not yet, 1 to the backup, 2 to the escalation contact.',
  })
  escalations!: number;
  @Field(() => String, { nullable: true, description: 'Whom it was last escalated to.' })
  escalatedTo!: string | null;
}

@ObjectType()
export class Issue {
  @Field(() => ID) id!: string;
  @Field(() => BlockerSeverityEnum) severity!: BlockerSeverity;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int, { nullable: true }) phase!: number | null;
  @Field(() => String, { nullable: true }) assignee!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The agent who reported it, who may validate or reopen the fix; null when a coordinator did.',
  })
  reportedBy!: string | null;
  @Field(() => IssueStatusEnum) status!: IssueStatus;
  @Field(() => Date) reportedAt!: string;
  @Field(() => Date) updatedAt!: string;
}

@ObjectType()
export class Answer {
  @Field() by!: string;
  @Field() body!: string;
  @Field(() => Date) at!: string;
}

@ObjectType()
export class Communication {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: string;
  @Field() from!: string;
  @Field(() => String, { nullable: true, description: 'null: to everyone.' }) to!: string | null;
  @Field() subject!: string;
  @Field() body!: string;
  @Field(() => CommunicationTypeEnum) type!: CommunicationType;
  @Field(() => String, { nullable: true }) replyTo!: string | null;
  @Field(() => Answer, { nullable: true }) answer!: Answer | null;
}

@ObjectType()
export class Checkpoint {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Int) phase!: number;
  @Field(() => HourWindow) hourWindow!: HourWindow;
  @Field(() => [String]) criteria!: readonly string[];
  @Field(() => CheckpointStatusEnum) status!: CheckpointStatus;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => Date, { nullable: true }) startedAt!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When it was recorded overdue: its hour window passed without a decision.',
  })
  overdueAt!: string | null;
}

@ObjectType()
export class Deliverable {
  @Field(() => ID) id!: string;
  @Field(() => DeliverableCategoryEnum) category!: DeliverableCategory;
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) phase!: number | null;
  @Field(() => String, { nullable: true, description: 'Where it will be.' }) path!: string | null;
  @Field() done!: boolean;
  @Field(() => Date, { nullable: true }) doneAt!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a scope change took it out.' })
  cancelledAt!: string | null;
}

@ObjectType()
export class Risk {
  @Field(() => ID) id!: string;
  @Field() category!: string;
  @Field(() => RiskLevelEnum) severity!: RiskLevel;
  @Field(() => RiskStatusEnum) status!: RiskStatus;
  @Field() mitigation!: string;
}

@ObjectType()
export class QualityTarget {
  @Field() metric!: string;
  @Field() target!: string;
  @Field(() => String, { nullable: true }) actual!: string | null;
  @Field(() => Date, { nullable: true }) recordedAt!: string | null;
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
  @Field(() => BlockerSla) P0!: BlockerSla;
  @Field(() => BlockerSla) P1!: BlockerSla;
  @Field(() => BlockerSla) P2!: BlockerSla;
  @Field(() => BlockerSla) P3!: BlockerSla;
}

@ObjectType({ description: 'The sprint’s clocks, as its plan set them.' })
export class SprintTiming {
  @Field(() => Int, { description: 'How long a claim holds a task without a heartbeat.' })
  leaseSeconds!: number;
  @Field(() => BlockerSlas) blockerSla!: BlockerSlas;
  @Field({ description: 'Whether an escalated blocker is raised one severity.' })
  escalationRaisesSeverity!: boolean;
}

@ObjectType({ description: 'A sprint as its events leave it.' })
export class Sprint {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) branch!: string | null;
  @Field(() => String, { nullable: true }) startDate!: string | null;
  @Field(() => HourRange) targetHours!: HourRange;
  @Field(() => Float, { nullable: true }) criticalPathHours!: number | null;
  @Field(() => Float, { nullable: true }) bufferedHours!: number | null;
  @Field(() => SprintStatusEnum) status!: SprintStatus;
  @Field(() => SprintTiming) timing!: SprintTiming;
  @Field(() => Int, { description: 'Stream version: the number of events recorded.' })
  version!: number;
  @Field(() => Date) plannedAt!: string;
  @Field(() => Date, { nullable: true }) startedAt!: string | null;
  @Field(() => Date, { nullable: true }) completedAt!: string | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason!: string | null;
  @Field(() => Int, { description: 'Issues reported to the registry.' }) issuesFound!: number;
  @Field(() => Int, { description: 'Of those, VALIDATED or CLOSED.' }) issuesResolved!: number;
  @Field(() => BaselinePathView, { nullable: true, description: 'Set when the sprint starts.' })
  baselineCriticalPath!: BaselinePathView | null;
  @Field(() => [Agent]) agents!: readonly Agent[];
  @Field(() => [Phase]) phases!: readonly Phase[];
  @Field(() => [Task]) tasks!: readonly Task[];
  @Field(() => [Blocker]) blockers!: readonly Blocker[];
  @Field(() => [Issue]) issues!: readonly Issue[];
  @Field(() => [Communication]) communications!: readonly Communication[];
  @Field(() => [Checkpoint]) checkpoints!: readonly Checkpoint[];
  @Field(() => [Deliverable]) deliverables!: readonly Deliverable[];
  @Field(() => [Risk]) risks!: readonly Risk[];
  @Field(() => [QualityTarget]) qualityTargets!: readonly QualityTarget[];
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
  @Field(() => [FileGroup]) fileLocations!: readonly FileGroup[];
}

@ObjectType({ description: 'An event a mutation recorded.' })
export class RecordedEventRef {
  @Field(() => ID) eventId!: string;
  @Field() type!: string;
  @Field(() => Int) streamVersion!: number;
  @Field(() => Float, { description: 'Global position in the event log.' }) position!: number;
}

@ObjectType({ description: 'Why a mutation was refused: nothing was recorded.' })
export class UserError {
  @Field(() => ErrorCodeEnum) code!: ErrorCode;
  @Field(() => String, { nullable: true, description: 'The input field at fault.' })
  field!: string | null;
  @Field() message!: string;
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
