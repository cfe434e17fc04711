import type { Draft } from './event-kit.js';
import type { SprintState } from './state.js';

/**
 * The shape of a seam: for each command it takes, a rule that turns the command into drafts of
 * the events to record (or throws the AppError that refuses it); for each event it owns, how the
 * event changes the state. The router (../sprint.ts) joins the seams; a seam imports none of it.
 */

type Event = { readonly type: string; readonly data: { readonly at: string } };

export interface DecisionContext {
  /** The time of the decision, ISO 8601: a decider never reads a clock. */
  readonly now: string;
}

export type Deciders<Command extends { readonly kind: string }, Emitted extends Event> = {
  readonly [Kind in Command['kind']]: (
    command: Extract<Command, { kind: Kind }>,
    state: SprintState,
    context: DecisionContext,
  ) => Draft<Emitted>[];
};

export type Evolvers<Owned extends Event> = {
  readonly [Type in Owned['type']]: (
    state: SprintState,
    event: Extract<Owned, { type: Type }>,
  ) => SprintState;
};
