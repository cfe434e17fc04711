import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus, type IEvent } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { AppConfig } from '../config/config.js';
import { inTransaction } from '../database/database.module.js';
import {
  logReadOptions,
  positionOf,
  readAllAfter,
  type ReadOptions,
  type RecordedEvent,
} from '../event-store/event-store.js';
import { loadPosition, savePosition } from '../event-store/positions.js';

/** An event the log holds, as the EventBus carries it to event handlers and sagas. */
export class EventRecorded implements IEvent {
  constructor(readonly event: RecordedEvent) {}
}

/** The position the reactions keep in subscription_positions. */
export const reactionsPositionName = 'reactions';

const batchSize = 500;

/**
 * Feeds the EventBus from the durable log, never from memory: events are published in commit
 * order from the position saved after the last batch, so a restart (or a crash) resumes there
 * and a reaction sees every event at least once, whichever instance recorded it. One instance
 * at a time publishes: each batch is read under a transaction-scoped advisory lock, and an
 * instance that finds it held sits the round out.
 */
@Injectable()
export class LogReactions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LogReactions.name);
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly eventBus: EventBus,
    @Inject(logReadOptions) private readonly readOptions: ReadOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reactions.enabled) this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** Publishes the next batch after the saved position; how many events it published. */
  async publishNext(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const lock = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS held',
        [`positions:${reactionsPositionName}`],
      );
      if (!lock.rows[0]?.held) return 0;
      const from = await loadPosition(client, reactionsPositionName);
      const events = await readAllAfter(client, from, batchSize, this.readOptions);
      const last = events.at(-1);
      if (!last) return 0;
      for (const event of events) this.eventBus.publish(new EventRecorded(event));
      await savePosition(client, reactionsPositionName, positionOf(last));
      return events.length;
    });
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      const published = await this.publishNext().catch((error: unknown) => {
        this.logger.warn(`reactions paused: ${String(error)}`);
        return 0;
      });
      if (published < batchSize) {
        await sleep(this.config.reactions.idlePollMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
