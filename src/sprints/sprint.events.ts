import type { JsonObject } from '../event-store/event-store.js';

/**
 * Every fact of a sprint, one stream per sprint. The `type` strings are what the log stores and
 * Kafka carries: they never change, whatever the TypeScript names become. A payload that must
 * change gets a new schema version: see src/contract/event-schemas.ts and upcasters.ts.
 */

export const sprintStatuses = ['PLANNED', 'ACTIVE', 'COMPLETE'] as const;
export type SprintStatus = (typeof sprintStatuses)[number];

export const agentStatuses = ['ASSIGNED', 'READY', 'ACTIVE', 'BLOCKED', 'COMPLETE'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const phaseStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE'] as const;
export type PhaseStatus = (typeof phaseStatuses)[number];

export const taskStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'COMPLETE'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const blockerSeverities = ['P0', 'P1', 'P2', 'P3'] as const;
export type BlockerSeverity = (typeof blockerSeverities)[number];

export const blockerStatuses = ['OPEN', 'RESOLVED'] as const;
export type BlockerStatus = (typeof blockerStatuses)[number];

export const issueStatuses = ['OPEN', 'IN_PROGRESS', 'FIXED', 'VALIDATED', 'CLOSED'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

export const communicationTypes = ['REQUEST', 'QUESTION', 'NOTIFICATION', 'BLOCKER'] as const;
export type CommunicationType = (typeof communicationTypes)[number];

export const checkpointStatuses = ['PENDING', 'IN_PROGRESS', 'PASSED', 'FAILED'] as const;
export type CheckpointStatus = (typeof checkpointStatuses)[number];

export const deliverableCategories = ['CODE', 'DOCUMENTATION', 'VALIDATION'] as const;
export type DeliverableCategory = (typeof deliverableCategories)[number];

export const riskLevels = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskStatuses = ['ACTIVE', 'TRIGGERED', 'MITIGATED', 'CLOSED'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

export interface HourRange {
  readonly min: number;
  readonly max: number;
}

export interface HourWindow {
  readonly from: number;
  readonly to: number;
}

export interface PlannedAgent {
  readonly name: string;
  readonly role: string;
  readonly backup: string | null;
  readonly criticalDependencies: readonly string[];
}

export interface PlannedTask {
  readonly id: string;
  readonly title: string;
  readonly estimateHours: number;
  readonly assignees: readonly string[];
  readonly dependsOn: readonly string[];
}

export interface PlannedPhase {
  readonly number: number;
  readonly name: string;
  readonly estimateHours: HourRange;
  readonly dependsOn: readonly number[];
  readonly criticalPath: boolean;
  readonly riskLevel: RiskLevel | null;
  readonly tasks: readonly PlannedTask[];
}

export interface PlannedDeliverable {
  readonly id: string;
  readonly category: DeliverableCategory;
  readonly name: string;
  readonly phase: number | null;
}

export interface PlannedCheckpoint {
  readonly id: string;
  readonly name: string;
  readonly phase: number;
  readonly hourWindow: HourWindow;
  readonly criteria: readonly string[];
}

export interface PlannedRisk {
  readonly id: string;
  readonly category: string;
  readonly severity: RiskLevel;
  readonly status: RiskStatus;
  readonly mitigation: string;
}

export interface PlannedQualityTarget {
  readonly metric: string;
  readonly target: string;
}

/** A sprint plan as imported: the format of fixtures/*.yaml and sprint-plan.schema.json. */
export interface SprintPlan {
  readonly key: string;
  readonly name: string;
  readonly branch: string | null;
  readonly startDate: string | null;
  readonly targetHours: HourRange;
  readonly criticalPathHours: number | null;
  readonly bufferedHours: number | null;
  readonly agents: readonly PlannedAgent[];
  readonly phases: readonly PlannedPhase[];
  readonly deliverables: readonly PlannedDeliverable[];
  readonly checkpoints: readonly PlannedCheckpoint[];
  readonly risks: readonly PlannedRisk[];
  readonly qualityTargets: readonly PlannedQualityTarget[];
}

interface Fact<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data & { readonly at: string };
}

export type SprintEvent =
  | Fact<'SprintPlanned', { readonly plan: SprintPlan }>
  | Fact<'SprintStarted', { readonly from: 'PLANNED'; readonly to: 'ACTIVE' }>
  | Fact<'SprintCompleted', { readonly from: 'ACTIVE'; readonly to: 'COMPLETE' }>
  | Fact<'AgentDeclaredReady', { readonly agent: string }>
  | Fact<
      'AgentStatusChanged',
      { readonly agent: string; readonly from: AgentStatus; readonly to: AgentStatus }
    >
  | Fact<
      'PhaseStatusChanged',
      { readonly phase: number; readonly from: PhaseStatus; readonly to: PhaseStatus }
    >
  | Fact<
      'TaskStarted',
      {
        readonly taskId: string;
        readonly agent: string;
        readonly from: 'NOT_STARTED';
        readonly to: 'IN_PROGRESS';
        /** Set when a coordinator started it before its dependencies were complete. */
        readonly forcedReason: string | null;
      }
    >
  | Fact<
      'HoursLogged',
      {
        readonly taskId: string;
        readonly agent: string;
        readonly hours: number;
        readonly totalHours: number;
        readonly note: string | null;
      }
    >
  | Fact<
      'TaskCompleted',
      {
        readonly taskId: string;
        readonly from: 'IN_PROGRESS';
        readonly to: 'COMPLETE';
        readonly actualHours: number;
      }
    >
  | Fact<
      'TaskReopened',
      {
        readonly taskId: string;
        readonly from: 'COMPLETE';
        readonly to: 'IN_PROGRESS';
        readonly reason: string;
      }
    >
  | Fact<
      'TaskReassigned',
      { readonly taskId: string; readonly from: readonly string[]; readonly to: readonly string[] }
    >
  | Fact<
      'TaskBlocked',
      {
        readonly taskId: string;
        readonly from: 'IN_PROGRESS';
        readonly to: 'BLOCKED';
        readonly blockerId: string;
      }
    >
  | Fact<
      'TaskUnblocked',
      {
        readonly taskId: string;
        readonly from: 'BLOCKED';
        readonly to: 'IN_PROGRESS';
        readonly blockerId: string;
      }
    >
  | Fact<
      'BlockerRaised',
      {
        readonly blockerId: string;
        readonly severity: BlockerSeverity;
        readonly agent: string;
        readonly taskId: string | null;
        readonly description: string;
        readonly communicationId: string | null;
      }
    >
  | Fact<
      'BlockerSeverityChanged',
      {
        readonly blockerId: string;
        readonly from: BlockerSeverity;
        readonly to: BlockerSeverity;
        readonly reason: string | null;
      }
    >
  | Fact<
      'BlockerResolved',
      {
        readonly blockerId: string;
        readonly from: 'OPEN';
        readonly to: 'RESOLVED';
        readonly resolution: string;
      }
    >
  | Fact<
      'IssueReported',
      {
        readonly issueId: string;
        readonly severity: BlockerSeverity;
        readonly title: string;
        readonly phase: number | null;
        readonly assignee: string | null;
        readonly description: string | null;
        /** The agent who reported it; null for a coordinator (and before v2). */
        readonly reportedBy: string | null;
      }
    >
  | Fact<
      'IssueAssigned',
      { readonly issueId: string; readonly from: string | null; readonly to: string }
    >
  | Fact<
      'IssueStatusChanged',
      {
        readonly issueId: string;
        readonly from: IssueStatus;
        readonly to: IssueStatus;
        readonly note: string | null;
      }
    >
  | Fact<
      'CommunicationLogged',
      {
        readonly communicationId: string;
        readonly from: string;
        /** An agent's name, or null for everyone. */
        readonly to: string | null;
        readonly subject: string;
        readonly body: string;
        readonly communicationType: CommunicationType;
        readonly replyTo: string | null;
      }
    >
  | Fact<
      'CommunicationAnswered',
      { readonly communicationId: string; readonly answeredBy: string; readonly answer: string }
    >
  | Fact<
      'CheckpointStarted',
      {
        readonly checkpointId: string;
        readonly from: 'PENDING' | 'FAILED';
        readonly to: 'IN_PROGRESS';
      }
    >
  | Fact<
      'CheckpointPassed',
      {
        readonly checkpointId: string;
        readonly from: 'PENDING' | 'IN_PROGRESS';
        readonly to: 'PASSED';
        readonly result: string;
      }
    >
  | Fact<
      'CheckpointFailed',
      {
        readonly checkpointId: string;
        readonly from: 'PENDING' | 'IN_PROGRESS';
        readonly to: 'FAILED';
        readonly reason: string;
      }
    >
  | Fact<
      'DeliverableCompleted',
      { readonly deliverableId: string; readonly from: false; readonly to: true }
    >
  | Fact<
      'DeliverableReopened',
      {
        readonly deliverableId: string;
        readonly from: true;
        readonly to: false;
        readonly reason: string;
      }
    >
  | Fact<
      'RiskStatusChanged',
      {
        readonly riskId: string;
        readonly from: RiskStatus;
        readonly to: RiskStatus;
        readonly note: string | null;
      }
    >
  | Fact<'QualityMetricRecorded', { readonly metric: string; readonly value: string }>;

export type SprintEventType = SprintEvent['type'];

/**
 * A stored event read back as the sprint event it is: the log holds only what decide emitted,
 * and the event store upcasts older payload versions as it reads them.
 */
export function toSprintEvent(event: { type: string; data: JsonObject }): SprintEvent {
  return { type: event.type, data: event.data } as unknown as SprintEvent;
}
