import { lookup, type SprintState } from '../model/state.js';
import type { PlannedTask, SprintPlan } from '../plan/plan-document.js';

/**
 * The plan a sprint holds now, as a plan document: what import took, with every scope change
 * since applied and everything cancelled, retired or removed left out. A plan file re-applied
 * is compared with it; an edit made by a mutation is made to it and checked like an import.
 */
export function planOf(state: SprintState): SprintPlan {
  return {
    key: state.id,
    name: state.name,
    branch: state.branch,
    startDate: state.startDate,
    targetHours: state.targetHours,
    criticalPathHours: state.criticalPathHours,
    bufferedHours: state.bufferedHours,
    timing: state.timing,
    agents: Object.values(state.agents)
      .filter((agent) => agent.status !== 'RETIRED')
      .map((agent) => ({
        name: agent.name,
        role: agent.role,
        backup: agent.backup,
        criticalDependencies: agent.criticalDependencies,
      })),
    phases: Object.values(state.phases)
      .filter((phase) => phase.status !== 'CANCELLED')
      .map((phase) => ({
        number: phase.number,
        name: phase.name,
        estimateHours: phase.estimateHours,
        dependsOn: phase.dependsOn,
        criticalPath: phase.criticalPath,
        riskLevel: phase.riskLevel,
        tasks: liveTasks(state, phase.taskIds),
      })),
    deliverables: Object.values(state.deliverables)
      .filter((deliverable) => deliverable.cancelledAt === null)
      .map((deliverable) => ({
        id: deliverable.id,
        category: deliverable.category,
        name: deliverable.name,
        phase: deliverable.phase,
        path: deliverable.path,
      })),
    checkpoints: Object.values(state.checkpoints)
      .filter((checkpoint) => checkpoint.status !== 'CANCELLED')
      .map((checkpoint) => ({
        id: checkpoint.id,
        name: checkpoint.name,
        phase: checkpoint.phase,
        hourWindow: checkpoint.hourWindow,
        criteria: checkpoint.criteria,
      })),
    risks: Object.values(state.risks).map((risk) => ({
      id: risk.id,
      category: risk.category,
      severity: risk.severity,
      status: risk.status,
      mitigation: risk.mitigation,
    })),
    qualityTargets: Object.values(state.qualityTargets)
      .filter((target) => target.removedAt === null)
      .map((target) => ({ metric: target.metric, target: target.target })),
    ...handbookOf(state),
  };
}

/** A phase's tasks in the plan: in its order, the cancelled left out. */
function liveTasks(state: SprintState, ids: readonly string[]): PlannedTask[] {
  return ids.flatMap((id) => {
    const task = lookup(state.tasks, id);
    if (!task || task.status === 'CANCELLED') return [];
    return [
      {
        id: task.id,
        title: task.title,
        estimateHours: task.estimateRange ?? task.estimateHours,
        assignees: task.assignees,
        dependsOn: task.dependsOn,
      },
    ];
  });
}

/** The plan's command reference, next steps, contacts and file locations. */
function handbookOf(state: SprintState) {
  return {
    commands: Object.values(state.commands).filter((commands) => commands.blocks.length > 0),
    nextSteps: Object.values(state.nextSteps)
      .filter((step) => step.removedAt === null)
      .map((step) => ({
        id: step.id,
        title: step.title,
        details: step.details,
        commands: step.commands,
      })),
    contacts: state.contacts,
    escalation: state.escalation,
    fileLocations: state.fileLocations,
  };
}
