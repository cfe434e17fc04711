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
  type Upcasters,
} from '../model/event-kit.js';
import {
  defaultBlockerSla,
  defaultLeaseSeconds,
  deliverableCategories,
  riskLevels,
  riskStatuses,
} from '../model/vocabulary.js';

/**
 * The statuses progress moves agents and phases between, frozen with v1: a retired agent and a
 * cancelled phase get there by scope events (scope.events.ts), never by a status change.
 */
const workingAgentStatuses = ['ASSIGNED', 'READY', 'ACTIVE', 'BLOCKED', 'COMPLETE'] as const;
const workingPhaseStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE'] as const;

const storedAgent = z.strictObject({
  name,
  role: z.string(),
  backup: z.string().nullable(),
  criticalDependencies: list(z.string()),
});
const storedPhase = <Task extends z.ZodType>(task: Task) =>
  z.strictObject({
    number: z.int().min(1),
    name: z.string(),
    estimateHours: hourRange,
    dependsOn: list(z.int()),
    criticalPath: z.boolean(),
    riskLevel: z.enum(riskLevels).nullable(),
    tasks: list(task),
  });
const storedTask = {
  id,
  title: z.string(),
  estimateHours: hours,
  assignees: list(name),
  dependsOn: list(id),
};
const storedDeliverable = {
  id,
  category: z.enum(deliverableCategories),
  name: z.string(),
  phase: z.int().nullable(),
};
const storedRest = {
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
};
const storedSprint = {
  key: id,
  name: z.string(),
  branch: z.string().nullable(),
  startDate: z.string().nullable(),
  targetHours: hourRange,
  criticalPathHours: hours.nullable(),
  bufferedHours: hours.nullable(),
  agents: list(storedAgent),
};

/**
 * The plan as SprintPlanned v1 stores it. Frozen with the contract: the plan document
 * (plan-document.ts) may tighten its limits, but an event stored at v1 stays what v1 allowed.
 */
const storedPlanV1 = z.strictObject({
  ...storedSprint,
  phases: list(storedPhase(z.strictObject(storedTask))),
  deliverables: list(z.strictObject(storedDeliverable)),
  ...storedRest,
});

/** The reference's own sections, as SprintPlanned v2 and their change events store them. */
export const commandBlock = z.strictObject({ title: z.string(), lines: list(z.string()) });
export const nextStepFields = {
  title: z.string(),
  details: list(z.string()),
  commands: list(z.string()),
};
export const contactEntry = z.strictObject({
  role: z.string(),
  agent: z.string(),
  backup: z.string().nullable(),
});
export const fileGroup = z.strictObject({ group: z.string(), paths: list(z.string()) });

const slaEntry = z.strictObject({
  responseMinutes: z.number().positive(),
  resolutionMinutes: z.number().positive(),
});
/** The sprint's clocks: the lease on a claimed task, and each severity's blocker SLA. */
export const storedTiming = z.strictObject({
  leaseSeconds: z.int().positive(),
  blockerSla: z.strictObject({ P0: slaEntry, P1: slaEntry, P2: slaEntry, P3: slaEntry }),
  escalationRaisesSeverity: z.boolean(),
});

/**
 * v2: a task's estimate may be a range, a deliverable has a path, and the plan holds the
 * reference's command reference, next steps, contacts, escalation contact and file locations,
 * and its clocks (leases, blocker SLAs).
 */
const storedPlanV2 = z.strictObject({
  ...storedSprint,
  phases: list(
    storedPhase(z.strictObject({ ...storedTask, estimateHours: z.union([hours, hourRange]) })),
  ),
  deliverables: list(z.strictObject({ ...storedDeliverable, path: z.string().nullable() })),
  ...storedRest,
  commands: list(z.strictObject({ agent: name, blocks: list(commandBlock) })),
  nextSteps: list(z.strictObject({ id, ...nextStepFields })),
  contacts: list(contactEntry),
  escalation: z.string().nullable(),
  fileLocations: list(fileGroup),
  timing: storedTiming,
});

/** The clocks of a sprint planned before the plan could set them. */
export const defaultTiming: z.infer<typeof storedTiming> = {
  leaseSeconds: defaultLeaseSeconds,
  blockerSla: defaultBlockerSla,
  escalationRaisesSeverity: false,
};

/** The sprint's life, its agents and its phases. */
export const planEvents = {
  SprintPlanned: [
    fact('A sprint was planned: the whole plan.', { plan: storedPlanV1 }),
    fact('A sprint was planned: the whole plan.', { plan: storedPlanV2 }),
  ],
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

export const planUpcasters: Upcasters<typeof planEvents> = {
  SprintPlanned: {
    1: (data) => {
      const plan = data.plan as z.infer<typeof storedPlanV1>;
      return {
        ...data,
        plan: {
          ...plan,
          deliverables: plan.deliverables.map((deliverable) => ({ ...deliverable, path: null })),
          commands: [],
          nextSteps: [],
          contacts: [],
          escalation: null,
          fileLocations: [],
          timing: defaultTiming,
        },
      };
    },
  },
};
