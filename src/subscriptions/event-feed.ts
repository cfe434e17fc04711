import { EventEmitter, on } from 'node:events';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AppConfig } from '../config/config.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { readStreamAfterPosition } from '../event-store/event-store.js';
import { sprintLog } from '../sprints/sprint-events.js';

const idlePollMs = 1000;

/**
 * Follows the event log for subscribers. One LISTEN connection per instance hears every commit
 * of any instance (the events table notifies on insert), so a subscriber on one instance gets
 * what another instance recorded; a slow poll covers a missed notification.
 */
@Injectable()
export class EventFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventFeed.name);
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private listener: Client | undefined;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen().catch((error: unknown) => {
      this.logger.warn(`not listening for appends yet: ${String(error)}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.appended.emit('appended');
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.config.databaseUrl });
    listener.on('notification', () => this.appended.emit('appended'));
    listener.on('error', () => {
      this.listener = undefined;
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), idlePollMs);
    });
    await listener.connect();
    await listener.query('LISTEN events_appended');
    this.listener = listener;
  }

  /** Waits for the next append anywhere, for at most the idle poll interval. */
  private async nextAppend(signal: AbortSignal): Promise<void> {
    const timeout = AbortSignal.any([signal, AbortSignal.timeout(idlePollMs)]);
    try {
      for await (const _ of on(this.appended, 'appended', { signal: timeout })) return;
    } catch {
      // Timed out or unsubscribed: either way, look again.
    }
  }

  /**
   * Every event of a sprint after a global position, then each new one as it is committed, in
   * order. Within one stream commit order is position order (a version is written only after
   * the one before it committed), so following by position misses nothing.
   */
  async *follow(
    sprintId: string,
    after: number,
    signal: AbortSignal,
  ): AsyncGenerator<RecordedEvent> {
    for await (const batch of this.batches(sprintId, after, signal)) yield* batch;
  }

  /** The same, a batch at a time: what one look at the log found. */
  async *batches(
    sprintId: string,
    after: number,
    signal: AbortSignal,
  ): AsyncGenerator<readonly RecordedEvent[]> {
    let position = after;
    while (!signal.aborted && !this.closed) {
      const events = await readStreamAfterPosition(this.pool, sprintId, position, 500, sprintLog);
      const last = events.at(-1);
      if (last) {
        position = last.position;
        yield events;
      } else {
        await this.nextAppend(signal);
      }
    }
  }

  /** The position of a sprint's latest event, where a subscriber to changes starts. */
  async latestPosition(sprintId: string): Promise<number> {
    const result = await this.pool.query<{ position: string | null }>(
      'SELECT max(position) AS position FROM events WHERE stream_id = $1',
      [sprintId],
    );
    return Number(result.rows[0]?.position ?? 0);
  }
}
