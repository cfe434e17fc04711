/**
 * The words a sprint is described in: every status and category, each a closed list. The
 * event schemas, the state, the GraphQL enums and the read models all take them from here.
 */

export const sprintStatuses = ['PLANNED', 'ACTIVE', 'COMPLETE', 'CANCELLED'] as const;
export type SprintStatus = (typeof sprintStatuses)[number];

export const agentStatuses = [
  'ASSIGNED',
  'READY',
  'ACTIVE',
  'BLOCKED',
  'COMPLETE',
  'RETIRED',
] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const phaseStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] as const;
export type PhaseStatus = (typeof phaseStatuses)[number];

export const taskStatuses = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'BLOCKED',
  'COMPLETE',
  'CANCELLED',
] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const blockerSeverities = ['P0', 'P1', 'P2', 'P3'] as const;
export type BlockerSeverity = (typeof blockerSeverities)[number];

export const blockerStatuses = ['OPEN', 'RESOLVED'] as const;
export type BlockerStatus = (typeof blockerStatuses)[number];

export const issueStatuses = ['OPEN', 'IN_PROGRESS', 'FIXED', 'VALIDATED', 'CLOSED'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

export const communicationTypes = ['REQUEST', 'QUESTION', 'NOTIFICATION', 'BLOCKER'] as const;
export type CommunicationType = (typeof communicationTypes)[number];

export const checkpointStatuses = [
  'PENDING',
  'IN_PROGRESS',
  'PASSED',
  'FAILED',
  'CANCELLED',
] as const;
export type CheckpointStatus = (typeof checkpointStatuses)[number];

export const deliverableCategories = ['CODE', 'DOCUMENTATION', 'VALIDATION'] as const;
export type DeliverableCategory = (typeof deliverableCategories)[number];

export const riskLevels = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskStatuses = ['ACTIVE', 'TRIGGERED', 'MITIGATED', 'CLOSED'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

/** What a scope change is about, and what it does to it. */
export const planElements = [
  'SPRINT',
  'AGENT',
  'PHASE',
  'TASK',
  'DELIVERABLE',
  'CHECKPOINT',
  'RISK',
  'QUALITY_TARGET',
  'COMMANDS',
  'NEXT_STEP',
  'CONTACTS',
  'FILE_LOCATIONS',
] as const;
export type PlanElement = (typeof planElements)[number];

export const planActions = ['ADDED', 'CHANGED', 'CANCELLED'] as const;
export type PlanAction = (typeof planActions)[number];

export interface HourRange {
  readonly min: number;
  readonly max: number;
}

/** A task's estimate as a plan writes it: hours, or a range of them. */
export type Estimate = number | HourRange;

/** The hours an estimate schedules: a range's upper bound, as the reference plans with. */
export const scheduledHours = (estimate: Estimate): number =>
  typeof estimate === 'number' ? estimate : estimate.max;

export const estimateRange = (estimate: Estimate): HourRange | null =>
  typeof estimate === 'number' ? null : estimate;

export interface HourWindow {
  readonly from: number;
  readonly to: number;
}

/** Messages may come from or go to the coordinator, who is not one of the sprint's agents. */
export const coordinator = 'coordinator';

/** How long a claim holds a task without a heartbeat, unless the plan says otherwise. */
export const defaultLeaseSeconds = 300;

/** After this many expired leases a task waits for the coordinator instead of the queue. */
export const maxLeaseExpiries = 3;

/**
 * How long a blocker may stay open, by severity: past its response time it goes to the
 * blocked agent's backup, past its resolution time to the escalation contact. Minutes.
 */
export const defaultBlockerSla: Readonly<
  Record<BlockerSeverity, { readonly responseMinutes: number; readonly resolutionMinutes: number }>
> = {
  P0: { responseMinutes: 15, resolutionMinutes: 60 },
  P1: { responseMinutes: 60, resolutionMinutes: 240 },
  P2: { responseMinutes: 240, resolutionMinutes: 960 },
  P3: { responseMinutes: 1440, resolutionMinutes: 5760 },
};
