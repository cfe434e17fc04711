import type { Evolvers } from '../model/seam.js';
import { criticalPath } from '../model/critical-path.js';
import {
  type BaselinePath,
  byId,
  update,
  type NextStepState,
  type SprintState,
  type TaskState,
} from '../model/state.js';
import { estimateRange, scheduledHours } from '../model/vocabulary.js';
import type { PlanEvent } from './plan.events.js';

type Plan = Extract<PlanEvent, { type: 'SprintPlanned' }>['data']['plan'];

/** The state a plan starts a sprint in: nothing started, nothing raised. */
export function planned(plan: Plan, at: string): SprintState {
  return {
    id: plan.key,
    name: plan.name,
    branch: plan.branch,
    startDate: plan.startDate,
    targetHours: plan.targetHours,
    criticalPathHours: plan.criticalPathHours,
    bufferedHours: plan.bufferedHours,
    status: 'PLANNED',
    plannedAt: at,
    startedAt: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    issuesFound: 0,
    issuesResolved: 0,
    baselineCriticalPath: null,
    agents: byId(
      plan.agents.map((agent) => ({
        ...agent,
        declaredReady: false,
        status: 'ASSIGNED' as const,
        unresponsiveSince: null,
      })),
      (agent) => agent.name,
    ),
    phases: byId(
      plan.phases.map(({ tasks, ...phase }) => ({
        ...phase,
        taskIds: tasks.map((task) => task.id),
        status: 'NOT_STARTED' as const,
        startedAt: null,
        completedAt: null,
      })),
      (phase) => String(phase.number),
    ),
    tasks: byId(plan.phases.flatMap(plannedTasks), (task) => task.id),
    blockers: {},
    issues: {},
    communications: {},
    checkpoints: byId(
      plan.checkpoints.map((checkpoint) => ({
        ...checkpoint,
        status: 'PENDING' as const,
        result: null,
        startedAt: null,
        decidedAt: null,
        overdueAt: null,
      })),
      (checkpoint) => checkpoint.id,
    ),
    deliverables: byId(
      plan.deliverables.map((deliverable) => ({
        ...deliverable,
        done: false,
        doneAt: null,
        cancelledAt: null,
      })),
      (deliverable) => deliverable.id,
    ),
    commands: byId(plan.commands, (commands) => commands.agent),
    nextSteps: byId(plan.nextSteps.map(openStep), (step) => step.id),
    contacts: plan.contacts,
    escalation: plan.escalation,
    fileLocations: plan.fileLocations,
    timing: plan.timing,
    risks: byId(plan.risks, (risk) => risk.id),
    qualityTargets: byId(
      plan.qualityTargets.map((target) => ({
        ...target,
        actual: null,
        recordedAt: null,
        removedAt: null,
      })),
      (target) => target.metric,
    ),
  };
}

/** Field by field, not by spread: a 10,000-task plan folds in a few milliseconds. */
function plannedTasks(phase: Plan['phases'][number]): TaskState[] {
  return phase.tasks.map((task) => ({
    id: task.id,
    title: task.title,
    phase: phase.number,
    estimateHours: scheduledHours(task.estimateHours),
    estimateRange: estimateRange(task.estimateHours),
    assignees: task.assignees,
    dependsOn: task.dependsOn,
    status: 'NOT_STARTED' as const,
    actualHours: 0,
    activeAgent: null,
    forcedReason: null,
    startedAt: null,
    completedAt: null,
    lease: null,
    leaseExpiries: 0,
  }));
}

/** A next step as a plan lists it: not yet checked off. */
export function openStep(step: Plan['nextSteps'][number]): NextStepState {
  return { ...step, done: false, doneBy: null, doneAt: null, removedAt: null };
}

/** The critical path of the plan now, as the baseline keeps it: its hours and first chain. */
function pathOf(state: SprintState): BaselinePath {
  const tasks = Object.values(state.tasks).filter((task) => task.status !== 'CANCELLED');
  const phases = Object.values(state.phases).filter((phase) => phase.status !== 'CANCELLED');
  const path = criticalPath(tasks, phases, state.targetHours.max);
  return { hours: path.totalHours, chain: path.chains[0] ?? [] };
}

/** SprintPlanned is folded by the router, since it starts from no state. */
export const planEvolvers: Evolvers<Exclude<PlanEvent, { type: 'SprintPlanned' }>> = {
  SprintStarted: (state, { data }) => ({
    ...state,
    status: 'ACTIVE',
    startedAt: data.at,
    baselineCriticalPath: pathOf(state),
  }),
  SprintCompleted: (state, { data }) => ({ ...state, status: 'COMPLETE', completedAt: data.at }),
  AgentDeclaredReady: (state, { data }) => ({
    ...state,
    agents: update(state.agents, data.agent, (agent) => ({ ...agent, declaredReady: true })),
  }),
  AgentStatusChanged: (state, { data }) => ({
    ...state,
    agents: update(state.agents, data.agent, (agent) => ({ ...agent, status: data.to })),
  }),
  PhaseStatusChanged: (state, { data }) => ({
    ...state,
    phases: update(state.phases, String(data.phase), (phase) => ({
      ...phase,
      status: data.to,
      startedAt: phase.startedAt ?? (data.to === 'NOT_STARTED' ? null : data.at),
      completedAt: data.to === 'COMPLETE' ? data.at : null,
    })),
  }),
};
