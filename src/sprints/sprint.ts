import { AppError } from '../common/errors.js';
import { blockerDeciders, type BlockerCommand } from './blockers/blocker.decide.js';
import { blockerEvolvers } from './blockers/blocker.evolve.js';
import { checkpointDeciders, type CheckpointCommand } from './checkpoints/checkpoint.decide.js';
import { checkpointEvolvers } from './checkpoints/checkpoint.evolve.js';
import {
  communicationDeciders,
  type CommunicationCommand,
} from './communications/communication.decide.js';
import { communicationEvolvers } from './communications/communication.evolve.js';
import { issueDeciders, type IssueCommand } from './issues/issue.decide.js';
import { issueEvolvers } from './issues/issue.evolve.js';
import type { Draft } from './model/event-kit.js';
import type { DecisionContext } from './model/seam.js';
import { withinFold, type SprintState } from './model/state.js';
import { outcomeDeciders, type OutcomeCommand } from './outcomes/outcome.decide.js';
import { outcomeEvolvers } from './outcomes/outcome.evolve.js';
import { planDeciders, type PlanCommand } from './plan/plan.decide.js';
import { planEvolvers, planned } from './plan/plan.evolve.js';
import { validatePlan } from './plan/plan-references.js';
import { progressOf } from './plan/progress.js';
import { elementDeciders, type ElementCommand } from './scope/element.decide.js';
import { handbookDeciders, type HandbookCommand } from './scope/handbook.decide.js';
import { registerDeciders, type RegisterCommand } from './scope/register.decide.js';
import { scopeDeciders, type ScopeCommand } from './scope/scope.decide.js';
import { scopeEvolvers } from './scope/scope.evolve.js';
import type { SprintEvent } from './sprint-events.js';
import { taskDeciders, type TaskCommand } from './tasks/task.decide.js';
import { taskEvolvers } from './tasks/task.evolve.js';
import { timingDeciders, type TimingCommand } from './timing/timing.decide.js';
import { timingEvolvers } from './timing/timing.evolve.js';

/**
 * The router: a sprint's commands and events, joined from the seams. A new command or event
 * goes into its seam; a new seam is one line in each of the lists below.
 */

/** Everything an agent or coordinator can ask of a sprint. */
export type SprintCommand =
  | PlanCommand
  | TaskCommand
  | BlockerCommand
  | IssueCommand
  | CommunicationCommand
  | CheckpointCommand
  | OutcomeCommand
  | ScopeCommand
  | ElementCommand
  | RegisterCommand
  | HandbookCommand
  | TimingCommand;

const deciders = {
  ...planDeciders,
  ...taskDeciders,
  ...blockerDeciders,
  ...issueDeciders,
  ...communicationDeciders,
  ...checkpointDeciders,
  ...outcomeDeciders,
  ...scopeDeciders,
  ...elementDeciders,
  ...registerDeciders,
  ...handbookDeciders,
  ...timingDeciders,
};

const evolvers = {
  ...planEvolvers,
  ...taskEvolvers,
  ...blockerEvolvers,
  ...issueEvolvers,
  ...communicationEvolvers,
  ...checkpointEvolvers,
  ...outcomeEvolvers,
  ...scopeEvolvers,
  ...timingEvolvers,
};

type Decide = (
  command: SprintCommand,
  state: SprintState,
  context: DecisionContext,
) => Draft<SprintEvent>[];
type Evolve = (state: SprintState, event: SprintEvent) => SprintState;

export type { DecisionContext };

/**
 * Decides what a command means for a sprint: the events to record, or an AppError saying which
 * rule refused it. Pure: the same state, command and time give the same events.
 */
export function decide(
  command: SprintCommand,
  state: SprintState | null,
  context: DecisionContext,
): SprintEvent[] {
  if (command.kind === 'PlanSprint') {
    if (state !== null) {
      throw new AppError('ALREADY_EXISTS', `sprint ${state.id} is already planned`, 'plan.key');
    }
    validatePlan(command.plan);
    return stamp([{ type: 'SprintPlanned', plan: command.plan }], context);
  }
  if (state === null) throw new AppError('NOT_FOUND', 'no such sprint', 'sprintId');
  if (state.status === 'COMPLETE' || state.status === 'CANCELLED') {
    throw new AppError(
      'INVALID_TRANSITION',
      `sprint ${state.id} is ${state.status.toLowerCase()}`,
      'sprintId',
      { from: state.status, allowed: [] },
    );
  }
  const decideCommand = deciders[command.kind] as Decide;
  const events = stamp(decideCommand(command, state, context), context);
  return [...events, ...stamp(progressOf(fold(state, events)), context)];
}

function stamp(drafts: readonly Draft<SprintEvent>[], context: DecisionContext): SprintEvent[] {
  return drafts.map(
    ({ type, ...data }) => ({ type, data: { ...data, at: context.now } }) as SprintEvent,
  );
}

/**
 * Folds one event into the state. Pure and total over what `decide` emits: events are facts,
 * so evolve never refuses one.
 */
export function evolve(state: SprintState | null, event: SprintEvent): SprintState {
  if (event.type === 'SprintPlanned') return planned(event.data.plan, event.data.at);
  if (state === null) throw new Error(`${event.type} before SprintPlanned`);
  return (evolvers[event.type] as Evolve)(state, event);
}

export function fold(state: SprintState | null, events: readonly SprintEvent[]): SprintState {
  const result = withinFold(() => events.reduce<SprintState | null>(evolve, state));
  if (result === null) throw new Error('no SprintPlanned event');
  return result;
}
