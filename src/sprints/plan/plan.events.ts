import { z } from 'zod';
import {
  change,
  fact,
  hourRange,
  hours,
  id,
  list,
  name,
  statusChange,
  type EventsOf,
} from '../model/event-kit.js';
import { deliverableCategories, riskLevels, riskStatuses } from '../model/vocabulary.js';

/**
 * The statuses progress moves agents and phases between, frozen with v1: a retired agent and a
 * cancelled phase get there by scope events (scope.events.ts), never by a status change.
 */
const workingAgentStatuses = ['ASSIGNED', 'READY', 'ACTIVE', 'BLOCKED', 'COMPLETE'] as const;
const workingPhaseStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE'] as const;

/**
 * The plan as SprintPlanned v1 stores it. Frozen with the contract: the plan document
 * (plan-document.ts) may tighten its limits, but an event stored at v1 stays what v1 allowed.
 */
const storedPlan = z.strictObject({
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

/** The sprint's life, its agents and its phases. */
export const planEvents = {
  SprintPlanned: [fact('A sprint was planned: the whole plan.', { plan: storedPlan })],
  SprintStarted: [fact('The sprint started.', statusChange('PLANNED', 'ACTIVE'))],
  SprintCompleted: [fact('The sprint completed.', statusChange('ACTIVE', 'COMPLETE'))],
  AgentDeclaredReady: [fact('An agent declared itself ready.', { agent: name })],
  AgentStatusChanged: [
    fact('An agent’s status changed.', {
      agent: name,
      ...change(z.enum(workingAgentStatuses)),
    }),
  ],
  PhaseStatusChanged: [
    fact('A phase’s status changed.', {
      phase: z.int().min(1),
      ...change(z.enum(workingPhaseStatuses)),
    }),
  ],
} as const;

export type PlanEvent = EventsOf<typeof planEvents>;
