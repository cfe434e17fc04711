import { openBlockersOf } from '../model/rules.js';
import { lookup, type SprintState } from '../model/state.js';
import { estimateRange, scheduledHours } from '../model/vocabulary.js';
import type { PlannedPhase, SprintPlan } from '../plan/plan-document.js';
import { validatePlan } from '../plan/plan-references.js';
import { handbookChanges } from './handbook-changes.js';
import {
  changed,
  hasAny,
  matched,
  refuse,
  requireNewId,
  same,
  type ScopeDraft,
} from './plan-diff.js';
import { planOf } from './plan-of.js';

export type { ScopeDraft } from './plan-diff.js';

/** Where each task of a plan is: its phase and its path in the document. */
function tasksOf(plan: SprintPlan) {
  return plan.phases.flatMap((phase: PlannedPhase, p) =>
    phase.tasks.map((task, t) => ({
      ...task,
      phase: phase.number,
      path: `plan.phases[${p}].tasks[${t}]`,
    })),
  );
}

function taskChanges(state: SprintState, current: SprintPlan, next: SprintPlan, reason: string) {
  const drafts: ScopeDraft[] = [];
  const cancels: ScopeDraft[] = [];
  const { added, kept, removed } = matched(tasksOf(current), tasksOf(next), (task) => task.id);
  for (const task of added) {
    requireNewId(state.tasks, 'task', task.id, `${task.path}.id`);
    const { id, title, phase, estimateHours, assignees, dependsOn } = task;
    drafts.push({
      type: 'TaskAdded',
      taskId: id,
      title,
      phase,
      estimateHours: scheduledHours(estimateHours),
      estimateRange: estimateRange(estimateHours),
      assignees,
      dependsOn,
    });
  }
  for (const [before, after] of kept) {
    const status = lookup(state.tasks, after.id)?.status;
    if (!same(before.estimateHours, after.estimateHours)) {
      drafts.push({
        type: 'TaskReestimated',
        taskId: after.id,
        from: scheduledHours(before.estimateHours),
        to: scheduledHours(after.estimateHours),
        ranges: {
          from: estimateRange(before.estimateHours),
          to: estimateRange(after.estimateHours),
        },
      });
    }
    if (!same(before.assignees, after.assignees)) {
      if (status === 'COMPLETE') {
        throw refuse(
          'INVALID_TRANSITION',
          `task ${after.id} is complete: its assignees stay`,
          `${after.path}.assignees`,
        );
      }
      drafts.push({
        type: 'TaskReassigned',
        taskId: after.id,
        from: before.assignees,
        to: after.assignees,
      });
    }
    const changes = changed(before, after, ['title', 'phase', 'dependsOn'] as const);
    if (hasAny(changes)) drafts.push({ type: 'TaskChanged', taskId: after.id, changes });
  }
  for (const task of removed) {
    const record = lookup(state.tasks, task.id);
    if (!record || record.status === 'CANCELLED') continue;
    const blockers = openBlockersOf(state, (blocker) => blocker.taskId === task.id);
    if (blockers.length > 0) {
      throw refuse(
        'INVALID_TRANSITION',
        `task ${task.id} has open blocker ${blockers.map((blocker) => blocker.id).join(', ')}: resolve it before cancelling the task`,
        'plan.phases',
      );
    }
    cancels.push({
      type: 'TaskCancelled',
      taskId: task.id,
      from: record.status,
      to: 'CANCELLED',
      estimateHours: record.estimateHours,
      reason,
    });
  }
  return { drafts, cancels };
}

function phaseChanges(state: SprintState, current: SprintPlan, next: SprintPlan, reason: string) {
  const drafts: ScopeDraft[] = [];
  const cancels: ScopeDraft[] = [];
  const { added, kept, removed } = matched(current.phases, next.phases, (phase) =>
    String(phase.number),
  );
  for (const phase of added) {
    if (lookup(state.phases, String(phase.number))) {
      const index = next.phases.indexOf(phase);
      throw refuse(
        'VALIDATION_FAILED',
        `phase ${phase.number} was cancelled; a new phase needs a new number`,
        `plan.phases[${index}].number`,
      );
    }
    const { number, name, estimateHours, dependsOn, criticalPath, riskLevel } = phase;
    drafts.push({
      type: 'PhaseAdded',
      phase: number,
      name,
      estimateHours,
      dependsOn,
      criticalPath,
      riskLevel,
    });
  }
  for (const [before, after] of kept) {
    const changes = changed(before, after, [
      'name',
      'estimateHours',
      'dependsOn',
      'criticalPath',
      'riskLevel',
    ] as const);
    if (hasAny(changes)) drafts.push({ type: 'PhaseChanged', phase: after.number, changes });
  }
  for (const phase of removed) {
    const status = lookup(state.phases, String(phase.number))?.status;
    if (status !== 'NOT_STARTED') {
      throw refuse(
        'INVALID_TRANSITION',
        `phase ${phase.number} is ${status ?? 'unknown'}: only a phase not started can be cancelled`,
        'plan.phases',
      );
    }
    cancels.push({
      type: 'PhaseCancelled',
      phase: phase.number,
      from: 'NOT_STARTED',
      to: 'CANCELLED',
      reason,
    });
  }
  return { drafts, cancels };
}

function agentChanges(state: SprintState, current: SprintPlan, next: SprintPlan, reason: string) {
  const drafts: ScopeDraft[] = [];
  const retires: ScopeDraft[] = [];
  const { added, kept, removed } = matched(current.agents, next.agents, (agent) => agent.name);
  for (const { name, ...fields } of added)
    drafts.push({ type: 'AgentAdded', agent: name, ...fields });
  for (const [before, after] of kept) {
    const changes = changed(before, after, ['role', 'backup', 'criticalDependencies'] as const);
    if (hasAny(changes)) drafts.push({ type: 'AgentChanged', agent: after.name, changes });
  }
  for (const agent of removed) {
    const record = lookup(state.agents, agent.name);
    if (!record || record.status === 'RETIRED') continue;
    const blockers = openBlockersOf(state, (blocker) => blocker.agent === agent.name);
    if (blockers.length > 0) {
      throw refuse(
        'INVALID_TRANSITION',
        `${agent.name} has open blocker ${blockers.map((blocker) => blocker.id).join(', ')}: resolve it before retiring the agent`,
        'plan.agents',
      );
    }
    retires.push({
      type: 'AgentRetired',
      agent: agent.name,
      from: record.status,
      to: 'RETIRED',
      reason,
    });
  }
  return { drafts, retires };
}

function outcomeChanges(state: SprintState, current: SprintPlan, next: SprintPlan, reason: string) {
  const drafts: ScopeDraft[] = [];
  const deliverables = matched(current.deliverables, next.deliverables, (item) => item.id);
  for (const { id, ...fields } of deliverables.added) {
    const index = next.deliverables.findIndex((item) => item.id === id);
    requireNewId(state.deliverables, 'deliverable', id, `plan.deliverables[${index}].id`);
    drafts.push({ type: 'DeliverableAdded', deliverableId: id, ...fields });
  }
  for (const [before, after] of deliverables.kept) {
    const changes = changed(before, after, ['category', 'name', 'phase', 'path'] as const);
    if (hasAny(changes))
      drafts.push({ type: 'DeliverableChanged', deliverableId: after.id, changes });
  }
  for (const { id } of deliverables.removed)
    drafts.push({ type: 'DeliverableCancelled', deliverableId: id, reason });
  const checkpoints = matched(current.checkpoints, next.checkpoints, (item) => item.id);
  for (const { id, ...fields } of checkpoints.added) {
    const index = next.checkpoints.findIndex((item) => item.id === id);
    requireNewId(state.checkpoints, 'checkpoint', id, `plan.checkpoints[${index}].id`);
    drafts.push({ type: 'CheckpointAdded', checkpointId: id, ...fields });
  }
  for (const [before, after] of checkpoints.kept) {
    const changes = changed(before, after, ['name', 'phase', 'hourWindow', 'criteria'] as const);
    if (hasAny(changes))
      drafts.push({ type: 'CheckpointChanged', checkpointId: after.id, changes });
  }
  for (const { id } of checkpoints.removed) {
    const status = lookup(state.checkpoints, id)?.status;
    if (status === 'PASSED' || status === 'CANCELLED' || status === undefined) {
      throw refuse(
        'INVALID_TRANSITION',
        `checkpoint ${id} has passed: it stays in the plan`,
        'plan.checkpoints',
      );
    }
    drafts.push({
      type: 'CheckpointCancelled',
      checkpointId: id,
      from: status,
      to: 'CANCELLED',
      reason,
    });
  }
  return drafts;
}

function registerChanges(current: SprintPlan, next: SprintPlan, reason: string) {
  const drafts: ScopeDraft[] = [];
  const risks = matched(current.risks, next.risks, (risk) => risk.id);
  for (const { id, ...fields } of risks.added)
    drafts.push({ type: 'RiskAdded', riskId: id, ...fields });
  for (const [before, after] of risks.kept) {
    const changes = changed(before, after, [
      'category',
      'severity',
      'status',
      'mitigation',
    ] as const);
    if (hasAny(changes)) drafts.push({ type: 'RiskChanged', riskId: after.id, changes });
  }
  for (const risk of risks.removed) {
    if (risk.status === 'CLOSED') continue;
    drafts.push({
      type: 'RiskChanged',
      riskId: risk.id,
      changes: { status: { from: risk.status, to: 'CLOSED' } },
    });
  }
  const targets = matched(current.qualityTargets, next.qualityTargets, (target) => target.metric);
  for (const target of targets.added) drafts.push({ type: 'QualityTargetAdded', ...target });
  for (const [before, after] of targets.kept) {
    if (before.target !== after.target) {
      drafts.push({
        type: 'QualityTargetChanged',
        metric: after.metric,
        from: before.target,
        to: after.target,
      });
    }
  }
  for (const { metric } of targets.removed)
    drafts.push({ type: 'QualityTargetRemoved', metric, reason });
  return drafts;
}

/**
 * The scope events that turn the sprint's current plan into `next`, in an order evolve can
 * apply (an agent or phase before the tasks that name it, a task's cancellation before its
 * phase's). `next` is checked as an import would be, then against what the sprint has done: a
 * cancelled id is not reused, started phases and passed checkpoints stay, open blockers are
 * resolved first. Refusals name the field at fault; the plan that comes back is unchanged.
 */
export function planChanges(state: SprintState, next: SprintPlan, reason: string): ScopeDraft[] {
  if (next.key !== state.id) {
    throw refuse(
      'VALIDATION_FAILED',
      `the plan is for sprint ${next.key}, not ${state.id}`,
      'plan.key',
    );
  }
  const complete = Object.values(state.tasks).filter((task) => task.status === 'COMPLETE');
  validatePlan(next, new Set(complete.map((task) => task.id)));
  const current = planOf(state);
  if (!same(current.timing, next.timing)) {
    // Nothing is recorded for it yet, so the plan file must not look as if it had been taken.
    throw refuse(
      'VALIDATION_FAILED',
      'a sprint keeps the clocks it was imported with: timing cannot change by a plan file',
      'plan.timing',
    );
  }
  const details = changed(current, next, [
    'name',
    'branch',
    'startDate',
    'targetHours',
    'criticalPathHours',
    'bufferedHours',
  ] as const);
  const agents = agentChanges(state, current, next, reason);
  const phases = phaseChanges(state, current, next, reason);
  const tasks = taskChanges(state, current, next, reason);
  return [
    ...(hasAny(details) ? [{ type: 'SprintDetailsChanged' as const, changes: details }] : []),
    ...agents.drafts,
    ...phases.drafts,
    ...tasks.drafts,
    ...tasks.cancels,
    ...phases.cancels,
    ...agents.retires,
    ...outcomeChanges(state, current, next, reason),
    ...registerChanges(current, next, reason),
    ...handbookChanges(state, current, next, reason),
  ];
}
