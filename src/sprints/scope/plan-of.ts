import type { SprintState } from '../model/state.js';
import type { SprintPlan } from '../plan/plan-document.js';

/**
 * The plan a sprint holds now, as a plan document: what import took, with every scope change
 * since applied and everything cancelled, retired or removed left out. A plan file re-applied
 * is compared with it; an edit made by a mutation is made to it and checked like an import.
 */
export function planOf(state: SprintState): SprintPlan {
  const tasks = state.tasks;
  return {
    key: state.id,
    name: state.name,
    branch: state.branch,
    startDate: state.startDate,
    targetHours: state.targetHours,
    criticalPathHours: state.criticalPathHours,
    bufferedHours: state.bufferedHours,
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
        tasks: phase.taskIds.flatMap((id) => {
          const task = Object.hasOwn(tasks, id) ? tasks[id] : undefined;
          if (!task || task.status === 'CANCELLED') return [];
          return [
            {
              id: task.id,
              title: task.title,
              estimateHours: task.estimateHours,
              assignees: task.assignees,
              dependsOn: task.dependsOn,
            },
          ];
        }),
      })),
    deliverables: Object.values(state.deliverables)
      .filter((deliverable) => deliverable.cancelledAt === null)
      .map((deliverable) => ({
        id: deliverable.id,
        category: deliverable.category,
        name: deliverable.name,
        phase: deliverable.phase,
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
  };
}
