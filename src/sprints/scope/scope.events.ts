import { z } from 'zod';
import {
  change,
  changesOf,
  fact,
  hourRange,
  hours,
  hourWindow,
  id,
  list,
  name,
  reason,
  type EventsOf,
  type Upcasters,
} from '../model/event-kit.js';
import { handbookEvents } from './handbook.events.js';
import {
  agentStatuses,
  deliverableCategories,
  riskLevels,
  riskStatuses,
  taskStatuses,
} from '../model/vocabulary.js';

/**
 * Scope changes: the plan after import, element by element. Each addition carries the whole
 * element; each change carries, per field that changed, its value before and after; each
 * cancellation says what the element was. Nothing is deleted: a cancelled element stays in the
 * state and the history, out of the plan.
 */

export const sprintFields = {
  name: z.string(),
  branch: z.string().nullable(),
  startDate: z.string().nullable(),
  targetHours: hourRange,
  criticalPathHours: hours.nullable(),
  bufferedHours: hours.nullable(),
};
export const taskFields = {
  title: z.string(),
  phase: z.int().min(1),
  dependsOn: list(id),
};
export const phaseFields = {
  name: z.string(),
  estimateHours: hourRange,
  dependsOn: list(z.int()),
  criticalPath: z.boolean(),
  riskLevel: z.enum(riskLevels).nullable(),
};
export const agentFields = {
  role: z.string(),
  backup: z.string().nullable(),
  criticalDependencies: list(z.string()),
};
const deliverableFieldsV1 = {
  category: z.enum(deliverableCategories),
  name: z.string(),
  phase: z.int().nullable(),
};
export const deliverableFields = { ...deliverableFieldsV1, path: z.string().nullable() };
export const checkpointFields = {
  name: z.string(),
  phase: z.int(),
  hourWindow,
  criteria: list(z.string()),
};
export const riskFields = {
  category: z.string(),
  severity: z.enum(riskLevels),
  status: z.enum(riskStatuses),
  mitigation: z.string(),
};

const liveTaskStatus = z.enum(taskStatuses.filter((status) => status !== 'CANCELLED'));

export const scopeEvents = {
  SprintDetailsChanged: [
    fact('The sprint’s name, branch, start or targets changed.', {
      changes: changesOf(sprintFields),
    }),
  ],
  SprintCancelled: [
    fact('The sprint was cancelled: it takes no more work.', {
      from: z.enum(['PLANNED', 'ACTIVE']),
      to: z.literal('CANCELLED'),
      reason,
    }),
  ],
  TaskAdded: [
    fact('A task was added to the plan.', {
      taskId: id,
      ...taskFields,
      estimateHours: hours,
      assignees: list(name),
    }),
    fact('A task was added to the plan.', {
      taskId: id,
      ...taskFields,
      estimateHours: hours.describe('The hours it adds to the scope: a range’s upper bound.'),
      estimateRange: hourRange.nullable().describe('The estimate as a range, if it is one.'),
      assignees: list(name),
    }),
  ],
  TaskReestimated: [
    fact('A task’s estimate changed.', { taskId: id, ...change(hours) }),
    fact('A task’s estimate changed.', {
      taskId: id,
      ...change(hours),
      ranges: z
        .strictObject(change(hourRange.nullable()))
        .describe('The estimate before and after as ranges, where either is one.'),
    }),
  ],
  TaskChanged: [
    fact('A task’s title, phase or dependencies changed.', {
      taskId: id,
      changes: changesOf(taskFields),
    }),
  ],
  TaskCancelled: [
    fact('A task was taken out of the plan; it stays in the history.', {
      taskId: id,
      from: liveTaskStatus,
      to: z.literal('CANCELLED'),
      estimateHours: hours.describe('Its estimate when cancelled: the hours that left the scope.'),
      reason,
    }),
  ],
  PhaseAdded: [fact('A phase was added to the plan.', { phase: z.int().min(1), ...phaseFields })],
  PhaseChanged: [
    fact('A phase’s name, estimate, dependencies or flags changed.', {
      phase: z.int().min(1),
      changes: changesOf(phaseFields),
    }),
  ],
  PhaseCancelled: [
    fact('A phase that had not started was taken out of the plan.', {
      phase: z.int().min(1),
      from: z.literal('NOT_STARTED'),
      to: z.literal('CANCELLED'),
      reason,
    }),
  ],
  AgentAdded: [fact('An agent joined the sprint.', { agent: name, ...agentFields })],
  AgentChanged: [
    fact('An agent’s role, backup or dependencies changed.', {
      agent: name,
      changes: changesOf(agentFields),
    }),
  ],
  AgentRetired: [
    fact('An agent with no open work left the sprint.', {
      agent: name,
      from: z.enum(agentStatuses.filter((status) => status !== 'RETIRED')),
      to: z.literal('RETIRED'),
      reason,
    }),
  ],
  DeliverableAdded: [
    fact('A deliverable was added to the plan.', { deliverableId: id, ...deliverableFieldsV1 }),
    fact('A deliverable was added to the plan.', { deliverableId: id, ...deliverableFields }),
  ],
  DeliverableChanged: [
    fact('A deliverable’s category, name or phase changed.', {
      deliverableId: id,
      changes: changesOf(deliverableFieldsV1),
    }),
    fact('A deliverable’s category, name, phase or path changed.', {
      deliverableId: id,
      changes: changesOf(deliverableFields),
    }),
  ],
  DeliverableCancelled: [
    fact('A deliverable was taken out of the plan.', { deliverableId: id, reason }),
  ],
  CheckpointAdded: [
    fact('A checkpoint was added to the plan.', { checkpointId: id, ...checkpointFields }),
  ],
  CheckpointChanged: [
    fact('A checkpoint’s name, phase, hour window or criteria changed.', {
      checkpointId: id,
      changes: changesOf(checkpointFields),
    }),
  ],
  CheckpointCancelled: [
    fact('A checkpoint not yet decided was taken out of the plan.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'IN_PROGRESS', 'FAILED']),
      to: z.literal('CANCELLED'),
      reason,
    }),
  ],
  RiskAdded: [fact('A risk was added to the register.', { riskId: id, ...riskFields })],
  RiskChanged: [
    fact('A risk’s category, severity, status or mitigation changed; CLOSED closes it.', {
      riskId: id,
      changes: changesOf(riskFields),
    }),
  ],
  QualityTargetAdded: [fact('A quality target was set.', { metric: name, target: z.string() })],
  QualityTargetChanged: [
    fact('A quality target changed.', { metric: name, ...change(z.string()) }),
  ],
  QualityTargetRemoved: [fact('A quality target was dropped.', { metric: name, reason })],
  ...handbookEvents,
} as const;

/** v1 events read as v2: an estimate that was one number, a deliverable without a path. */
export const scopeUpcasters: Upcasters<typeof scopeEvents> = {
  TaskAdded: { 1: (data) => ({ ...data, estimateRange: null }) },
  TaskReestimated: { 1: (data) => ({ ...data, ranges: { from: null, to: null } }) },
  DeliverableAdded: { 1: (data) => ({ ...data, path: null }) },
  DeliverableChanged: { 1: (data) => data },
};

export type ScopeEvent = EventsOf<typeof scopeEvents>;
export type ScopeEventType = ScopeEvent['type'];

/** The scope events, for the history's scope log and the burndown. */
export const scopeEventTypes = Object.keys(scopeEvents) as ScopeEventType[];
