import { Inject, Injectable, Optional } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import type { Principal } from '../../access/principal.js';
import { Clock } from '../../common/clock.js';
import { AppError, VersionConflictError } from '../../common/errors.js';
import { AppConfig, defaultMaxMessageBytes } from '../../config/config.js';
import { inTransaction } from '../../database/database.module.js';
import {
  appendToStream,
  readEvents,
  streamVersion,
  type NewEvent,
  type RecordedEvent,
} from '../../event-store/event-store.js';
import { maxEventBytes } from '../../event-store/kafka-message.js';
import { Metrics } from '../../observability/metrics.js';
import type { SprintState } from '../model/state.js';
import { envelope } from './event-envelope.js';
import { SprintQueues, type Queued } from './group-commit.js';
import { claimOf, earlierCall, recordCall, type EventRef, type KeyClaim } from './idempotency.js';
import { keepSnapshot, loadSprint, sprintLockStatement } from './snapshots.js';
import { SprintStateCache, type LoadedSprint } from './state-cache.js';
import {
  inlineProjectionsToken,
  sprintDomainToken,
  type InlineProjection,
  type LedgerCommand,
  type LedgerEvent,
  type SprintDomain,
} from './sprint-domain.js';

export type { EventRef } from './idempotency.js';

type BatchOutcome = { readonly result: CommandResult } | { readonly error: AppError };

/** One command of a batch, decided: its events and the state after them, or its refusal. */
type Decided =
  | {
      readonly events: LedgerEvent[];
      readonly newEvents: NewEvent[];
      readonly state: SprintState | null;
      readonly version: number;
    }
  | { readonly error: AppError };

const refOf = ({ eventId, type, streamVersion, position }: RecordedEvent): EventRef => ({
  eventId,
  type,
  streamVersion,
  position,
});

export interface CommandOptions {
  /** Who sends the command: checked against the sprint's access rules, named in every event. */
  readonly principal: Principal;
  readonly idempotencyKey?: string | null;
  /** The version the client saw; without it a conflict is retried on fresh state. */
  readonly expectedVersion?: number | null;
  readonly correlationId?: string | null;
}

export interface CommandResult {
  readonly state: SprintState;
  readonly version: number;
  readonly events: readonly EventRef[];
  /** The recorded events themselves, for finding what the command created. */
  readonly changes: readonly LedgerEvent[];
  /** True when an idempotency key matched an earlier call, and nothing new was recorded. */
  readonly replayed: boolean;
}

const conflictRetries = 5;

/**
 * Runs a command against a sprint: load its state, decide, append at the version it was loaded
 * at, keep the new state as the snapshot and update the inline projections, all in one
 * transaction. The rules and the projections are handed in; the ledger knows only the steps.
 */
@Injectable()
export class SprintLedger {
  /** The largest event, payload and metadata as JSON, that the topic can carry. */
  private readonly maxEventBytes: number;
  private readonly cache = new SprintStateCache();
  private readonly queues = new SprintQueues<CommandOptions, CommandResult>((sprintId, batch) =>
    this.runBatch(sprintId, batch),
  );

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    @Inject(sprintDomainToken) private readonly domain: SprintDomain,
    @Inject(inlineProjectionsToken) private readonly projections: readonly InlineProjection[],
    @Optional() private readonly metrics?: Metrics,
    @Optional() config?: AppConfig,
  ) {
    this.maxEventBytes = maxEventBytes(config?.kafka.maxMessageBytes ?? defaultMaxMessageBytes);
  }

  async execute(
    sprintId: string,
    command: LedgerCommand,
    options: CommandOptions,
  ): Promise<CommandResult> {
    const timer = this.metrics?.mutationDuration.startTimer({ command: command.kind });
    try {
      // A command that needs an answer of its own (a replay, a version check) runs alone.
      const alone =
        command.kind === 'PlanSprint' ||
        options.idempotencyKey != null ||
        options.expectedVersion != null;
      const result = alone
        ? await this.executeWithRetries(sprintId, command, options)
        : await this.queues.enqueue(sprintId, command, options);
      timer?.({ outcome: result.replayed ? 'replayed' : 'recorded' });
      for (const event of result.replayed ? [] : result.events) {
        this.metrics?.eventsAppended.inc({ type: event.type });
      }
      return result;
    } catch (error) {
      timer?.({ outcome: error instanceof AppError ? 'refused' : 'failed' });
      throw error;
    }
  }

  /**
   * What a command would record if it were sent now, recorded nowhere: decided on the sprint's
   * latest state (the cached one brought up to date with the log) under the same access rules.
   * A refusal is thrown as `execute` would throw it.
   */
  async preview(
    sprintId: string,
    command: LedgerCommand,
    options: CommandOptions,
  ): Promise<{ state: SprintState | null; version: number; events: LedgerEvent[] }> {
    const { state, version } = await loadSprint(
      this.pool,
      sprintId,
      this.domain,
      this.cache.get(sprintId),
    );
    this.domain.authorize(options.principal, sprintId, command, state);
    if (options.expectedVersion != null && options.expectedVersion !== version) {
      throw new VersionConflictError(sprintId, options.expectedVersion, version);
    }
    const events = this.domain.decide(command, state, { now: this.clock.now().toISOString() });
    return { state, version, events };
  }

  private async executeWithRetries(
    sprintId: string,
    command: LedgerCommand,
    options: CommandOptions,
  ): Promise<CommandResult> {
    // Whether to take the cached state as current without reading the log (see `attempt`).
    let trustCache = true;
    for (let attempt = 1; ;) {
      /** The cached state an attempt took as current, if it did. */
      const trusted: { state?: LoadedSprint } = {};
      try {
        const { result, loaded } = await inTransaction(
          this.pool,
          (client) => this.attempt(client, sprintId, command, options, trustCache ? trusted : null),
          // Writers of one sprint take turns instead of racing to a version conflict. An
          // advisory lock writes nothing, so the append stays its transaction's first write.
          sprintLockStatement(sprintId),
        );
        // Committed: from now on this state is what the events up to its version give.
        if (loaded) this.cache.set(sprintId, loaded);
        return result;
      } catch (error) {
        if (trusted.state && (await this.staleCache(sprintId, trusted.state, error))) {
          // Someone wrote to the sprint since this cached state: again, reading what is newer.
          trustCache = false;
          continue;
        }
        const retry =
          error instanceof VersionConflictError &&
          options.expectedVersion == null &&
          attempt < conflictRetries;
        if (!retry) throw error;
        attempt += 1;
      }
    }
  }

  /**
   * Whether a command that started from the cached state failed because that state was old.
   * A conflict says so by itself (the append checks the version); a refusal is checked against
   * the stream's version, so no rule is ever applied to a state another instance has moved on.
   */
  private async staleCache(
    sprintId: string,
    cached: LoadedSprint,
    error: unknown,
  ): Promise<boolean> {
    if (error instanceof VersionConflictError) return true;
    if (!(error instanceof AppError)) return false;
    return (await streamVersion(this.pool, sprintId)) !== cached.version;
  }

  private async attempt(
    client: PoolClient,
    sprintId: string,
    command: LedgerCommand,
    options: CommandOptions,
    trusted: { state?: LoadedSprint } | null,
  ): Promise<{ result: CommandResult; loaded: LoadedSprint | null }> {
    // The key is looked up under the lock: concurrent retries of one new key wait for the
    // first, then replay it.
    const claim = claimOf(options.idempotencyKey ?? null, command);
    if (claim) {
      const replay = await this.replay(client, sprintId, claim, command, options);
      if (replay) return { result: replay, loaded: null };
    }
    // The cached state, looked up under the lock, is taken as current without reading the log:
    // if someone has written since, the append below finds the stream past its version and
    // nothing is kept. Untrusted, it is brought up to date with the events after it.
    const cached = this.cache.get(sprintId);
    if (trusted && cached) trusted.state = cached;
    const loaded = trusted?.state ?? (await loadSprint(client, sprintId, this.domain, cached));
    const { state, version } = loaded;
    this.domain.authorize(options.principal, sprintId, command, state);
    if (options.expectedVersion != null && options.expectedVersion !== version) {
      throw new VersionConflictError(sprintId, options.expectedVersion, version);
    }
    const events = this.domain.decide(command, state, { now: this.clock.now().toISOString() });
    if (
      events.length === 0 &&
      loaded === cached &&
      (await streamVersion(client, sprintId)) !== version
    ) {
      // Nothing to append means nothing checks the version: check that "nothing" was current.
      throw new VersionConflictError(sprintId, version, undefined);
    }
    const newEvents = events.map((event) => this.toNewEvent(event, command, options, claim));
    const recorded = await appendToStream(client, sprintId, version, newEvents);
    const next = this.domain.fold(state, events);
    const nextVersion = version + events.length;
    const snapshot = await keepSnapshot(client, sprintId, loaded, nextVersion, next);
    const change = { before: state, state: next, version: nextVersion, events, recorded };
    // Nothing recorded (a heartbeat inside its lease, a timer with nothing due) writes nothing.
    if (events.length > 0) {
      for (const projection of this.projections) await projection.project(client, change);
    }
    const refs = recorded.map(refOf);
    if (claim) {
      await recordCall(client, sprintId, claim, {
        command: command.kind,
        principalId: options.principal.id,
        version: nextVersion,
        events: refs,
      });
    }
    return {
      result: { state: next, version: nextVersion, events: refs, changes: events, replayed: false },
      loaded: {
        state: next,
        version: nextVersion,
        ...snapshot,
      },
    };
  }

  /** One transaction for commands queued on one sprint (group-commit.ts); settles each. */
  private async runBatch(
    sprintId: string,
    batch: readonly Queued<CommandOptions, CommandResult>[],
  ): Promise<void> {
    let trustCache = true;
    for (let attempt = 1; ;) {
      const trusted: { state?: LoadedSprint } = {};
      try {
        const { outcomes, loaded } = await inTransaction(
          this.pool,
          (client) => this.attemptBatch(client, sprintId, batch, trustCache ? trusted : null),
          sprintLockStatement(sprintId),
        );
        this.cache.set(sprintId, loaded);
        batch.forEach((queued, index) => {
          const outcome = outcomes[index];
          if (outcome && 'result' in outcome) queued.resolve(outcome.result);
          else queued.reject(outcome?.error);
        });
        return;
      } catch (error) {
        if (trusted.state && error instanceof VersionConflictError) {
          trustCache = false;
          continue;
        }
        if (!(error instanceof VersionConflictError) || attempt >= conflictRetries) throw error;
        attempt += 1;
      }
    }
  }

  private async attemptBatch(
    client: PoolClient,
    sprintId: string,
    batch: readonly Queued<CommandOptions, CommandResult>[],
    trusted: { state?: LoadedSprint } | null,
  ): Promise<{ outcomes: BatchOutcome[]; loaded: LoadedSprint }> {
    const cached = this.cache.get(sprintId);
    if (trusted && cached) trusted.state = cached;
    const loaded = trusted?.state ?? (await loadSprint(client, sprintId, this.domain, cached));
    const now = this.clock.now().toISOString();
    let { state, version } = loaded;
    const decided = batch.map(({ command, options }): Decided => {
      try {
        this.domain.authorize(options.principal, sprintId, command, state);
        const events = this.domain.decide(command, state, { now });
        const newEvents = events.map((event) => this.toNewEvent(event, command, options, null));
        state = this.domain.fold(state, events);
        version += events.length;
        return { events, newEvents, state, version };
      } catch (error) {
        if (error instanceof AppError) return { error };
        throw error;
      }
    });
    const unchecked = decided.some((item) => 'error' in item || item.events.length === 0);
    if (trusted?.state && unchecked && (await streamVersion(client, sprintId)) !== loaded.version) {
      // A refusal, or nothing to append, says nothing of the version: check it was current.
      throw new VersionConflictError(sprintId, loaded.version, undefined);
    }
    const kept = decided.flatMap((item) => ('events' in item ? [item] : []));
    const recorded = await appendToStream(
      client,
      sprintId,
      loaded.version,
      kept.flatMap((item) => item.newEvents),
    );
    let after: LoadedSprint = { ...loaded, state, version };
    if (recorded.length > 0 && state) {
      after = { ...after, ...(await keepSnapshot(client, sprintId, loaded, version, state)) };
      const events = kept.flatMap((item) => item.events);
      const change = { before: loaded.state, state, version, events, recorded };
      // Nothing recorded (a heartbeat inside its lease, a timer with nothing due) writes nothing.
      if (events.length > 0) {
        for (const projection of this.projections) await projection.project(client, change);
      }
    }
    let offset = 0;
    const outcomes = decided.map((item): BatchOutcome => {
      if ('error' in item) return { error: item.error };
      const refs = recorded.slice(offset, (offset += item.events.length)).map(refOf);
      const state = item.state as SprintState; // decided, so the sprint exists
      return {
        result: {
          state,
          version: item.version,
          events: refs,
          changes: item.events,
          replayed: false,
        },
      };
    });
    return { outcomes, loaded: after };
  }

  private toNewEvent(
    event: LedgerEvent,
    command: LedgerCommand,
    options: CommandOptions,
    claim: KeyClaim | null,
  ): NewEvent {
    return envelope(event, command, options, claim, this.domain, this.maxEventBytes);
  }

  /** The first result of a call with this key, authorized as the first call was. */
  private async replay(
    client: PoolClient,
    sprintId: string,
    claim: KeyClaim,
    command: LedgerCommand,
    options: CommandOptions,
  ): Promise<CommandResult | null> {
    const earlier = await earlierCall(client, sprintId, claim, command, options.principal.id);
    if (!earlier) return null;
    const { state } = await loadSprint(client, sprintId, this.domain, this.cache.get(sprintId));
    if (!state) throw new AppError('NOT_FOUND', `no sprint ${sprintId}`, 'sprintId');
    this.domain.authorize(options.principal, sprintId, command, state);
    const changes = await readEvents(
      client,
      earlier.events.map((event) => event.eventId),
      this.domain.log,
    );
    return { ...earlier, state, changes, replayed: true };
  }
}
