import { AppError } from '../../common/errors.js';
import { requireAgent, requirePhase, requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup } from '../model/state.js';
import type { HourRange, RiskLevel } from '../model/vocabulary.js';
import type { SprintPlan } from '../plan/plan-document.js';
import type { TaskEvent } from '../tasks/task.events.js';
import { editPlan, under } from './plan-edit.js';
import type { ScopeEvent } from './scope.events.js';
import type { NewTask } from './scope.decide.js';

/** A phase as a coordinator adds it, with its first tasks: a phase is never empty. */
export interface NewPhase {
  readonly number: number;
  readonly name: string;
  readonly estimateHours: HourRange;
  readonly dependsOn?: readonly number[] | null;
  readonly criticalPath?: boolean | null;
  readonly riskLevel?: RiskLevel | null;
}

export interface NewAgent {
  readonly name: string;
  readonly role: string;
  readonly backup?: string | null;
  readonly criticalDependencies?: readonly string[] | null;
}

/** One phase or agent at a time: the same scope changes a re-applied plan file records. */
export type ElementCommand =
  | { readonly kind: 'AddPhase'; readonly phase: NewPhase; readonly tasks: readonly NewTask[] }
  | {
      readonly kind: 'ChangePhase';
      readonly phase: number;
      readonly name?: string | null;
      readonly estimateHours?: HourRange | null;
      readonly dependsOn?: readonly number[] | null;
      readonly criticalPath?: boolean | null;
      readonly riskLevel?: RiskLevel | null;
    }
  | { readonly kind: 'CancelPhase'; readonly phase: number; readonly reason: string }
  | { readonly kind: 'AddAgent'; readonly agent: NewAgent }
  | {
      readonly kind: 'ChangeAgent';
      readonly agent: string;
      readonly role?: string | null;
      readonly backup?: string | null;
      readonly criticalDependencies?: readonly string[] | null;
    }
  | { readonly kind: 'RetireAgent'; readonly agent: string; readonly reason: string };

type Plan = SprintPlan;
type Emitted = ScopeEvent | Extract<TaskEvent, { type: 'TaskReassigned' }>;

const indexOf = (plan: Plan, number: number) => plan.phases.findIndex((p) => p.number === number);

function nothingChanged(what: string, field: string): never {
  throw new AppError('VALIDATION_FAILED', `the change leaves ${what} as it is`, field);
}

/** Refusals about the edited phase under `prefix`; a cycle under `dependsOn`. */
const phaseField = (number: number, prefix: string) => (found: string, next: Plan) =>
  under(`plan.phases[${indexOf(next, number)}]`, prefix, 'phase', (other) =>
    other === 'plan.phases' ? 'dependsOn' : other,
  )(found);

const agentField = (name: string, prefix: string) => (found: string, next: Plan) =>
  under(
    `plan.agents[${next.agents.findIndex((a) => a.name === name)}]`,
    prefix,
    'agent',
    (o) => o,
  )(found);

export const elementDeciders: Deciders<ElementCommand, Emitted> = {
  AddPhase(command, state) {
    if (lookup(state.phases, String(command.phase.number))) {
      throw new AppError(
        'ALREADY_EXISTS',
        `sprint ${state.id} has a phase ${command.phase.number}`,
        'phase.number',
      );
    }
    const { phase } = command;
    const added = {
      number: phase.number,
      name: phase.name,
      estimateHours: phase.estimateHours,
      dependsOn: phase.dependsOn ?? [],
      criticalPath: phase.criticalPath ?? false,
      riskLevel: phase.riskLevel ?? null,
      tasks: command.tasks.map((task) => ({ ...task, dependsOn: task.dependsOn ?? [] })),
    };
    const edit = (plan: Plan) => ({ ...plan, phases: [...plan.phases, added] });
    return editPlan(state, edit, 'added', (found, next) =>
      phaseField(phase.number, 'phase')(found, next).replace(/^phase\.tasks/, 'tasks'),
    );
  },
  ChangePhase(command, state) {
    const phase = requirePhase(state, command.phase, 'phase');
    const edit = (plan: Plan) => ({
      ...plan,
      phases: plan.phases.map((each) =>
        each.number === phase.number
          ? {
              ...each,
              name: command.name ?? each.name,
              estimateHours: command.estimateHours ?? each.estimateHours,
              dependsOn: command.dependsOn ?? each.dependsOn,
              criticalPath: command.criticalPath ?? each.criticalPath,
              riskLevel: command.riskLevel === undefined ? each.riskLevel : command.riskLevel,
            }
          : each,
      ),
    });
    const drafts = editPlan(state, edit, 'changed', phaseField(phase.number, ''));
    return drafts.length > 0 ? drafts : nothingChanged(`phase ${phase.number}`, 'phase');
  },
  CancelPhase(command, state) {
    const phase = requirePhase(state, command.phase, 'phase');
    requireText(command.reason, 'reason');
    const gone = new Set(phase.taskIds);
    const edit = (plan: Plan) => ({
      ...plan,
      phases: plan.phases
        .filter((each) => each.number !== phase.number)
        .map((each) => ({
          ...each,
          dependsOn: each.dependsOn.filter((number) => number !== phase.number),
          tasks: each.tasks.map((task) => ({
            ...task,
            dependsOn: task.dependsOn.filter((id) => !gone.has(id)),
          })),
        })),
    });
    // Whatever refuses it (it started, a deliverable or checkpoint names it) is about the phase.
    return editPlan(state, edit, command.reason, () => 'phase');
  },
  AddAgent(command, state) {
    const { agent } = command;
    const known = lookup(state.agents, agent.name);
    if (known && known.status !== 'RETIRED') {
      throw new AppError(
        'ALREADY_EXISTS',
        `sprint ${state.id} has an agent ${agent.name}`,
        'agent.name',
      );
    }
    const added = {
      name: agent.name,
      role: agent.role,
      backup: agent.backup ?? null,
      criticalDependencies: agent.criticalDependencies ?? [],
    };
    const edit = (plan: Plan) => ({ ...plan, agents: [...plan.agents, added] });
    return editPlan(state, edit, 'added', agentField(agent.name, 'agent'));
  },
  ChangeAgent(command, state) {
    const agent = requireAgent(state, command.agent, 'agent');
    if (agent.status === 'RETIRED') {
      throw new AppError('INVALID_TRANSITION', `${agent.name} has retired`, 'agent', {
        from: agent.status,
        allowed: [],
      });
    }
    const edit = (plan: Plan) => ({
      ...plan,
      agents: plan.agents.map((each) =>
        each.name === agent.name
          ? {
              ...each,
              role: command.role ?? each.role,
              backup: command.backup === undefined ? each.backup : command.backup,
              criticalDependencies: command.criticalDependencies ?? each.criticalDependencies,
            }
          : each,
      ),
    });
    const drafts = editPlan(state, edit, 'changed', agentField(agent.name, ''));
    return drafts.length > 0 ? drafts : nothingChanged(agent.name, 'agent');
  },
  RetireAgent(command, state) {
    const agent = requireAgent(state, command.agent, 'agent');
    requireText(command.reason, 'reason');
    const open = Object.values(state.tasks).filter(
      (task) =>
        task.assignees.includes(agent.name) &&
        task.status !== 'COMPLETE' &&
        task.status !== 'CANCELLED',
    );
    if (open.length > 0) {
      throw new AppError(
        'INVALID_TRANSITION',
        `${agent.name} is assigned to ${open.map((task) => task.id).join(', ')}: reassign them first`,
        'agent',
      );
    }
    const edit = (plan: Plan) => ({
      ...plan,
      agents: plan.agents.filter((each) => each.name !== agent.name),
      commands: plan.commands.filter((each) => each.agent !== agent.name),
    });
    // A task still assigned to it keeps it: the refusal names the agent.
    return editPlan(state, edit, command.reason, (found) =>
      found.includes('.assignees') ? 'agent' : found,
    );
  },
};
