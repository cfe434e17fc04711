import type { PoolClient } from 'pg';
import type { Principal } from '../../access/principal.js';
import type { JsonObject, ReadOptions, RecordedEvent } from '../../event-store/event-store.js';
import type { SprintState } from '../model/state.js';

/**
 * What the command path needs of the sprint's rules, handed to it at wiring time
 * (sprint-domain.ts joins the seams into one). The ledger knows the steps (lock, load, decide,
 * append, snapshot, project) and no rule; so it imports no seam, and seams may use it.
 */

export interface LedgerCommand {
  readonly kind: string;
}

export interface LedgerEvent {
  readonly type: string;
  readonly data: JsonObject;
}

export interface SprintDomain {
  decide(
    command: LedgerCommand,
    state: SprintState | null,
    context: { now: string },
  ): LedgerEvent[];
  fold(state: SprintState | null, events: readonly LedgerEvent[]): SprintState;
  /** Refuses with FORBIDDEN what the principal may not ask of this sprint. */
  authorize(
    principal: Principal,
    sprintId: string,
    command: LedgerCommand,
    state: SprintState | null,
  ): void;
  /** The schema version the event is stored at; throws if the event breaks its schema. */
  schemaVersionOf(event: LedgerEvent): number;
  /** How the log is read: events upcast to their current version. */
  readonly log: ReadOptions;
}

/** What a command changed, for the read models kept in its transaction. */
export interface SprintChange {
  /** The state before the command; null when it planned the sprint. */
  readonly before: SprintState | null;
  readonly state: SprintState;
  readonly version: number;
  readonly events: readonly LedgerEvent[];
  readonly recorded: readonly RecordedEvent[];
}

/** A read model updated in the command's own transaction: it commits with the events or not. */
export interface InlineProjection {
  project(client: PoolClient, change: SprintChange): Promise<void>;
}

export const sprintDomainToken = Symbol('SprintDomain');
export const inlineProjectionsToken = Symbol('InlineProjections');
