import type { Draft } from '../model/event-kit.js';
import { lookup, type AgentState, type PhaseState, type SprintState } from '../model/state.js';
import type { AgentStatus, PhaseStatus } from '../model/vocabulary.js';
import type { PlanEvent } from './plan.events.js';

type Progress = Extract<PlanEvent, { type: 'AgentStatusChanged' | 'PhaseStatusChanged' }>;

/**
 * Status changes that follow from the work, recorded as facts of their own: after every command,
 * each phase and agent whose status its tasks now call for.
 */
export function progressOf(after: SprintState): Draft<Progress>[] {
  const drafts: Draft<Progress>[] = [];
  for (const phase of Object.values(after.phases)) {
    const to = derivedPhaseStatus(after, phase);
    // A cancelled phase got there by a scope change and stays: progress never moves it.
    if (phase.status === 'CANCELLED' || to === 'CANCELLED') continue;
    if (to !== phase.status) {
      drafts.push({ type: 'PhaseStatusChanged', phase: phase.number, from: phase.status, to });
    }
  }
  for (const agent of Object.values(after.agents)) {
    const to = derivedAgentStatus(after, agent);
    if (agent.status === 'RETIRED' || to === 'RETIRED') continue;
    if (to !== agent.status) {
      drafts.push({ type: 'AgentStatusChanged', agent: agent.name, from: agent.status, to });
    }
  }
  return drafts;
}

/** What an agent's status should be, given its tasks: the rule `AgentStatusChanged` follows. */
export function derivedAgentStatus(state: SprintState, agent: AgentState): AgentStatus {
  if (agent.status === 'RETIRED') return 'RETIRED';
  const tasks = Object.values(state.tasks).filter(
    (task) => task.status !== 'CANCELLED' && task.assignees.includes(agent.name),
  );
  const working = tasks.filter((task) => task.activeAgent === agent.name);
  if (working.some((task) => task.status === 'IN_PROGRESS')) return 'ACTIVE';
  if (working.some((task) => task.status === 'BLOCKED')) return 'BLOCKED';
  if (tasks.length > 0 && tasks.every((task) => task.status === 'COMPLETE')) return 'COMPLETE';
  return agent.declaredReady ? 'READY' : 'ASSIGNED';
}

/** A phase is complete when all its tasks are, started when any of them is; cancelled ones aside. */
export function derivedPhaseStatus(state: SprintState, phase: PhaseState): PhaseStatus {
  if (phase.status === 'CANCELLED') return 'CANCELLED';
  const statuses = phase.taskIds
    .map((id) => lookup(state.tasks, id)?.status ?? 'NOT_STARTED')
    .filter((status) => status !== 'CANCELLED');
  if (statuses.length > 0 && statuses.every((status) => status === 'COMPLETE')) return 'COMPLETE';
  return statuses.some((status) => status !== 'NOT_STARTED') ? 'IN_PROGRESS' : 'NOT_STARTED';
}
