import type { Evolvers } from '../model/seam.js';
import { applied, insert, lookup, update, type SprintState } from '../model/state.js';
import { handbookEvolvers } from './handbook.evolve.js';
import type { ScopeEvent } from './scope.events.js';

/** The phases with a task taken from one phase's list and put at the end of another's. */
function movedTask(state: SprintState, taskId: string, from: number, to: number) {
  const without = update(state.phases, String(from), (phase) => ({
    ...phase,
    taskIds: phase.taskIds.filter((id) => id !== taskId),
  }));
  return update(without, String(to), (phase) => ({
    ...phase,
    taskIds: [...phase.taskIds, taskId],
  }));
}

export const scopeEvolvers: Evolvers<ScopeEvent> = {
  SprintDetailsChanged: (state, { data }) => applied(state, data.changes),
  SprintCancelled: (state, { data }) => ({
    ...state,
    status: 'CANCELLED',
    cancelledAt: data.at,
    cancelReason: data.reason,
  }),
  TaskAdded: (state, { data }) => ({
    ...state,
    tasks: insert(state.tasks, data.taskId, {
      id: data.taskId,
      title: data.title,
      phase: data.phase,
      estimateHours: data.estimateHours,
      estimateRange: data.estimateRange,
      assignees: data.assignees,
      dependsOn: data.dependsOn,
      status: 'NOT_STARTED',
      actualHours: 0,
      activeAgent: null,
      forcedReason: null,
      startedAt: null,
      completedAt: null,
      lease: null,
      leaseExpiries: 0,
    }),
    phases: update(state.phases, String(data.phase), (phase) => ({
      ...phase,
      taskIds: [...phase.taskIds, data.taskId],
    })),
  }),
  TaskReestimated: (state, { data }) => ({
    ...state,
    tasks: update(state.tasks, data.taskId, (task) => ({
      ...task,
      estimateHours: data.to,
      estimateRange: data.ranges.to,
    })),
  }),
  TaskChanged: (state, { data }) => {
    const task = lookup(state.tasks, data.taskId);
    const move = data.changes.phase;
    return {
      ...state,
      tasks: update(state.tasks, data.taskId, (record) => applied(record, data.changes)),
      phases: move && task ? movedTask(state, data.taskId, move.from, move.to) : state.phases,
    };
  },
  TaskCancelled: (state, { data }) => ({
    ...state,
    tasks: update(state.tasks, data.taskId, (task) => ({
      ...task,
      status: 'CANCELLED',
      lease: null,
    })),
  }),
  PhaseAdded: (state, { data }) => ({
    ...state,
    phases: insert(state.phases, String(data.phase), {
      number: data.phase,
      name: data.name,
      estimateHours: data.estimateHours,
      dependsOn: data.dependsOn,
      criticalPath: data.criticalPath,
      riskLevel: data.riskLevel,
      taskIds: [],
      status: 'NOT_STARTED',
      startedAt: null,
      completedAt: null,
    }),
  }),
  PhaseChanged: (state, { data }) => ({
    ...state,
    phases: update(state.phases, String(data.phase), (phase) => applied(phase, data.changes)),
  }),
  PhaseCancelled: (state, { data }) => ({
    ...state,
    phases: update(state.phases, String(data.phase), (phase) => ({
      ...phase,
      status: 'CANCELLED',
    })),
  }),
  AgentAdded: (state, { data }) => ({
    ...state,
    agents: insert(state.agents, data.agent, {
      name: data.agent,
      role: data.role,
      backup: data.backup,
      criticalDependencies: data.criticalDependencies,
      declaredReady: false,
      status: 'ASSIGNED',
      unresponsiveSince: null,
    }),
  }),
  AgentChanged: (state, { data }) => ({
    ...state,
    agents: update(state.agents, data.agent, (agent) => applied(agent, data.changes)),
  }),
  AgentRetired: (state, { data }) => ({
    ...state,
    agents: update(state.agents, data.agent, (agent) => ({ ...agent, status: 'RETIRED' })),
  }),
  DeliverableAdded: (state, { data }) => ({
    ...state,
    deliverables: insert(state.deliverables, data.deliverableId, {
      id: data.deliverableId,
      category: data.category,
      name: data.name,
      phase: data.phase,
      path: data.path,
      done: false,
      doneAt: null,
      cancelledAt: null,
    }),
  }),
  DeliverableChanged: (state, { data }) => ({
    ...state,
    deliverables: update(state.deliverables, data.deliverableId, (deliverable) =>
      applied(deliverable, data.changes),
    ),
  }),
  DeliverableCancelled: (state, { data }) => ({
    ...state,
    deliverables: update(state.deliverables, data.deliverableId, (deliverable) => ({
      ...deliverable,
      cancelledAt: data.at,
    })),
  }),
  CheckpointAdded: (state, { data }) => ({
    ...state,
    checkpoints: insert(state.checkpoints, data.checkpointId, {
      id: data.checkpointId,
      name: data.name,
      phase: data.phase,
      hourWindow: data.hourWindow,
      criteria: data.criteria,
      status: 'PENDING',
      result: null,
      startedAt: null,
      overdueAt: null,
      decidedAt: null,
    }),
  }),
  CheckpointChanged: (state, { data }) => ({
    ...state,
    checkpoints: update(state.checkpoints, data.checkpointId, (checkpoint) =>
      applied(checkpoint, data.changes),
    ),
  }),
  CheckpointCancelled: (state, { data }) => ({
    ...state,
    checkpoints: update(state.checkpoints, data.checkpointId, (checkpoint) => ({
      ...checkpoint,
      status: 'CANCELLED',
      decidedAt: data.at,
    })),
  }),
  RiskAdded: (state, { data }) => ({
    ...state,
    risks: insert(state.risks, data.riskId, {
      id: data.riskId,
      category: data.category,
      severity: data.severity,
      status: data.status,
      mitigation: data.mitigation,
    }),
  }),
  RiskChanged: (state, { data }) => ({
    ...state,
    risks: update(state.risks, data.riskId, (risk) => applied(risk, data.changes)),
  }),
  QualityTargetAdded: (state, { data }) => ({
    ...state,
    qualityTargets: insert(state.qualityTargets, data.metric, {
      metric: data.metric,
      target: data.target,
      actual: null,
      recordedAt: null,
      removedAt: null,
    }),
  }),
  QualityTargetChanged: (state, { data }) => ({
    ...state,
    qualityTargets: update(state.qualityTargets, data.metric, (target) => ({
      ...target,
      target: data.to,
    })),
  }),
  QualityTargetRemoved: (state, { data }) => ({
    ...state,
    qualityTargets: update(state.qualityTargets, data.metric, (target) => ({
      ...target,
      removedAt: data.at,
    })),
  }),
  ...handbookEvolvers,
};
