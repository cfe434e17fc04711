import { z } from 'zod';
import {
  agentStatuses,
  blockerSeverities,
  communicationTypes,
  deliverableCategories,
  issueStatuses,
  phaseStatuses,
  riskLevels,
  riskStatuses,
  type SprintEvent,
  type SprintEventType,
} from '../sprints/sprint.events.js';

/**
 * The payload of every event type at every version it was ever stored at: the contract with
 * consumers of the log and the topic. Versions only grow. A payload change is a new entry at the
 * end of its type's list plus an upcaster from the one before (see upcasters.ts); the entries
 * already here never change, because events stored at those versions stay as they were written.
 */

const id = z.string().min(1);
const name = z.string().min(1);
const list = <Item extends z.ZodType>(item: Item) => z.array(item).readonly();
const hours = z.number().min(0);
const hourRange = z.strictObject({ min: hours, max: hours });

const fact = <Shape extends z.ZodRawShape>(description: string, shape: Shape) =>
  z
    .strictObject({
      ...shape,
      at: z.iso.datetime().describe('When it happened, by the recording service’s clock.'),
    })
    .describe(description);

const change = <Value extends z.ZodType>(value: Value) => ({ from: value, to: value });
const statusChange = <From extends string, To extends string>(from: From, to: To) => ({
  from: z.literal(from),
  to: z.literal(to),
});

const sprintPlan = z.strictObject({
  key: id,
  name: z.string(),
  branch: z.string().nullable(),
  startDate: z.string().nullable(),
  targetHours: hourRange,
  criticalPathHours: hours.nullable(),
  bufferedHours: hours.nullable(),
  agents: list(
    z.strictObject({
      name,
      role: z.string(),
      backup: z.string().nullable(),
      criticalDependencies: list(z.string()),
    }),
  ),
  phases: list(
    z.strictObject({
      number: z.int().min(1),
      name: z.string(),
      estimateHours: hourRange,
      dependsOn: list(z.int()),
      criticalPath: z.boolean(),
      riskLevel: z.enum(riskLevels).nullable(),
      tasks: list(
        z.strictObject({
          id,
          title: z.string(),
          estimateHours: hours,
          assignees: list(name),
          dependsOn: list(id),
        }),
      ),
    }),
  ),
  deliverables: list(
    z.strictObject({
      id,
      category: z.enum(deliverableCategories),
      name: z.string(),
      phase: z.int().nullable(),
    }),
  ),
  checkpoints: list(
    z.strictObject({
      id,
      name: z.string(),
      phase: z.int(),
      hourWindow: z.strictObject({ from: hours, to: hours }),
      criteria: list(z.string()),
    }),
  ),
  risks: list(
    z.strictObject({
      id,
      category: z.string(),
      severity: z.enum(riskLevels),
      status: z.enum(riskStatuses),
      mitigation: z.string(),
    }),
  ),
  qualityTargets: list(z.strictObject({ metric: name, target: z.string() })),
});

const hoursLoggedV1 = {
  taskId: id,
  agent: name,
  hours: z.number().positive(),
  totalHours: hours.describe('The task’s hours so far, this entry included.'),
};

const severity = z.enum(blockerSeverities);

const issueReportedV1 = {
  issueId: id,
  severity,
  title: z.string(),
  phase: z.int().nullable(),
  assignee: name.nullable(),
  description: z.string().nullable(),
};

export const sprintEventSchemas = {
  SprintPlanned: [fact('A sprint was planned: the whole plan.', { plan: sprintPlan })],
  SprintStarted: [fact('The sprint started.', statusChange('PLANNED', 'ACTIVE'))],
  SprintCompleted: [fact('The sprint completed.', statusChange('ACTIVE', 'COMPLETE'))],
  AgentDeclaredReady: [fact('An agent declared itself ready.', { agent: name })],
  AgentStatusChanged: [
    fact('An agent’s status changed.', { agent: name, ...change(z.enum(agentStatuses)) }),
  ],
  PhaseStatusChanged: [
    fact('A phase’s status changed.', { phase: z.int().min(1), ...change(z.enum(phaseStatuses)) }),
  ],
  TaskStarted: [
    fact('An assignee started a task.', {
      taskId: id,
      agent: name,
      ...statusChange('NOT_STARTED', 'IN_PROGRESS'),
      forcedReason: z
        .string()
        .nullable()
        .describe('Set when a coordinator started it before its dependencies were complete.'),
    }),
  ],
  HoursLogged: [
    fact('An assignee logged hours on a task.', hoursLoggedV1),
    fact('An assignee logged hours on a task, saying what they were spent on.', {
      ...hoursLoggedV1,
      note: z.string().nullable().describe('What the hours were spent on (null before v2).'),
    }),
  ],
  TaskCompleted: [
    fact('A task was completed.', {
      taskId: id,
      ...statusChange('IN_PROGRESS', 'COMPLETE'),
      actualHours: hours,
    }),
  ],
  TaskReopened: [
    fact('A completed task was reopened.', {
      taskId: id,
      ...statusChange('COMPLETE', 'IN_PROGRESS'),
      reason: z.string(),
    }),
  ],
  TaskReassigned: [
    fact('A task’s assignees changed.', { taskId: id, ...change(list(name)) }),
  ],
  TaskBlocked: [
    fact('A blocker stopped a task.', {
      taskId: id,
      ...statusChange('IN_PROGRESS', 'BLOCKED'),
      blockerId: id,
    }),
  ],
  TaskUnblocked: [
    fact('A task’s last blocker was resolved.', {
      taskId: id,
      ...statusChange('BLOCKED', 'IN_PROGRESS'),
      blockerId: id,
    }),
  ],
  BlockerRaised: [
    fact('An agent raised a blocker.', {
      blockerId: id,
      severity,
      agent: name,
      taskId: id.nullable(),
      description: z.string(),
      communicationId: id.nullable().describe('The BLOCKER message that raised it, if any.'),
    }),
  ],
  BlockerSeverityChanged: [
    fact('A blocker’s severity changed.', {
      blockerId: id,
      ...change(severity),
      reason: z.string().nullable(),
    }),
  ],
  BlockerResolved: [
    fact('A blocker was resolved.', {
      blockerId: id,
      ...statusChange('OPEN', 'RESOLVED'),
      resolution: z.string(),
    }),
  ],
  IssueReported: [
    fact('An issue was reported to the registry.', issueReportedV1),
    fact('An issue was reported to the registry, naming the agent who reported it.', {
      ...issueReportedV1,
      reportedBy: name
        .nullable()
        .describe('The agent who reported it, who may validate or reopen the fix; null for a coordinator (and before v2).'),
    }),
  ],
  IssueAssigned: [
    fact('An issue was assigned.', { issueId: id, from: name.nullable(), to: name }),
  ],
  IssueStatusChanged: [
    fact('An issue moved.', {
      issueId: id,
      ...change(z.enum(issueStatuses)),
      note: z.string().nullable(),
    }),
  ],
  CommunicationLogged: [
    fact('A message between agents was logged.', {
      communicationId: id,
      from: name,
      to: name.nullable().describe('An agent’s name, or null for everyone.'),
      subject: z.string(),
      body: z.string(),
      communicationType: z.enum(communicationTypes),
      replyTo: id.nullable(),
    }),
  ],
  CommunicationAnswered: [
    fact('A request or question was answered.', {
      communicationId: id,
      answeredBy: name,
      answer: z.string(),
    }),
  ],
  CheckpointStarted: [
    fact('A checkpoint’s review started.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'FAILED']),
      to: z.literal('IN_PROGRESS'),
    }),
  ],
  CheckpointPassed: [
    fact('A checkpoint passed.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'IN_PROGRESS']),
      to: z.literal('PASSED'),
      result: z.string(),
    }),
  ],
  CheckpointFailed: [
    fact('A checkpoint failed.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'IN_PROGRESS']),
      to: z.literal('FAILED'),
      reason: z.string(),
    }),
  ],
  DeliverableCompleted: [
    fact('A deliverable was completed.', {
      deliverableId: id,
      from: z.literal(false),
      to: z.literal(true),
    }),
  ],
  DeliverableReopened: [
    fact('A completed deliverable was reopened.', {
      deliverableId: id,
      from: z.literal(true),
      to: z.literal(false),
      reason: z.string(),
    }),
  ],
  RiskStatusChanged: [
    fact('A risk’s status changed.', {
      riskId: id,
      ...change(z.enum(riskStatuses)),
      note: z.string().nullable(),
    }),
  ],
  QualityMetricRecorded: [
    fact('A quality metric was measured.', { metric: name, value: z.string() }),
  ],
} as const satisfies Record<SprintEventType, readonly [z.ZodType, ...z.ZodType[]]>;

type Last<List> = List extends readonly [...unknown[], infer Item] ? Item : never;
type CurrentPayload<Type extends SprintEventType> = z.infer<
  Last<(typeof sprintEventSchemas)[Type]>
>;
type Payload<Type extends SprintEventType> = Extract<SprintEvent, { type: Type }>['data'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The types whose latest schema and TypeScript payload disagree: must stay empty. */
type Drifted = {
  [Type in SprintEventType]: Same<CurrentPayload<Type>, Payload<Type>> extends true ? never : Type;
}[SprintEventType];
export const schemasMatchTheEventTypes: [Drifted] extends [never] ? true : Drifted = true;

export const sprintEventTypes = Object.keys(sprintEventSchemas) as SprintEventType[];

export function isSprintEventType(type: string): type is SprintEventType {
  return Object.hasOwn(sprintEventSchemas, type);
}

/** The version new events of a type are stored at: its latest schema. */
export function currentSchemaVersion(type: SprintEventType): number {
  return sprintEventSchemas[type].length;
}

export function eventSchema(type: SprintEventType, version: number): z.ZodType | undefined {
  const versions: readonly z.ZodType[] = sprintEventSchemas[type];
  return versions[version - 1];
}

/** The JSON Schema of one type's payload at one version, as published in contract/events. */
export function eventJsonSchema(type: SprintEventType, version: number): Record<string, unknown> {
  const schema = eventSchema(type, version);
  if (!schema) throw new Error(`no schema for ${type} v${version}`);
  return {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12' }),
    $id: eventSchemaFile(type, version),
    title: `${type} v${version}`,
  };
}

export function eventSchemaFile(type: SprintEventType, version: number): string {
  return `${type}.v${version}.schema.json`;
}

/**
 * Refuses to record an event its published schema does not allow. The decider's types already
 * promise this; the check keeps a slip (a NaN, an empty id) from reaching the log and the topic.
 * A failure is a bug, reported as INTERNAL, and the command records nothing.
 */
export function assertWithinContract(event: SprintEvent): void {
  const schema = eventSchema(event.type, currentSchemaVersion(event.type));
  const result = schema?.safeParse(event.data);
  if (!result?.success) {
    throw new Error(`${event.type} breaks its schema: ${result?.error.message ?? 'no schema'}`);
  }
}
