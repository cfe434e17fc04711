import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import kafkajs, { Kafka, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { AppConfig } from '../config/config.js';
import { Metrics } from '../observability/metrics.js';
import { loadPosition, relayPositionName, savePosition } from './positions.js';
import {
  logReadOptions,
  logStart,
  positionOf,
  readAllAfter,
  type LogPosition,
  type RecordedEvent,
  type ReadOptions,
} from './event-store.js';
import { ensureTopic } from './kafka.js';
import { batchThatFits, messageBytes, toKafkaMessage } from './kafka-message.js';

export type RelayRole = 'LEADER' | 'STANDBY' | 'STOPPED';

export interface RelayState {
  readonly role: RelayRole;
  readonly kafkaConnected: boolean;
  readonly position: LogPosition;
  readonly lastPublishedAt: Date | null;
  readonly lastError: string | null;
  /** Why the relay cannot move on, when retrying cannot help; null while it makes progress. */
  readonly stalled: string | null;
}

/** Kafka's refusals of a batch that is too large: retrying the same batch cannot succeed. */
const tooLargeTypes = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

function isTooLarge(error: unknown): boolean {
  for (let cause = error; cause instanceof Error;) {
    if (tooLargeTypes.has(String((cause as { type?: unknown }).type))) return true;
    const next: unknown =
      (cause as { cause?: unknown; originalError?: unknown }).cause ??
      (cause as { originalError?: unknown }).originalError;
    if (next === cause) break;
    cause = next;
  }
  return false;
}

const standbyRetryMs = 1000;
const shutdownGraceMs = 15000;

/** Exponential backoff from 100 ms, doubled per failure, capped. */
export function nextBackoff(previousMs: number, maxMs: number): number {
  return Math.min(maxMs, previousMs === 0 ? 100 : previousMs * 2);
}

/**
 * Publishes every committed event to Kafka, in log order, at least once.
 *
 * One instance in a cluster publishes: the one holding a Postgres advisory lock on its own
 * connection. That connection also reads the log, saves the position (only after Kafka has
 * acknowledged the batch) and listens for appends, so an instance that lost its session can
 * neither move the position nor keep publishing as if it were still the leader.
 */
@Injectable()
export class KafkaRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KafkaRelay.name);
  private readonly positionName: string;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private session: Client | undefined;
  /** The batch after the one being sent, read while it is on its way: one round trip hidden. */
  private readAhead: { after: LogPosition; read: Promise<RecordedEvent[]> } | null = null;
  private sessionLost = false;
  private isLeader = false;
  private producer: Producer | undefined;
  private topicReady = false;
  private wakeUp: (() => void) | undefined;
  private wokenEarly = false;
  private sending = false;
  /** The topic's max.message.bytes, as the broker reports it. */
  private topicMaxBytes: number;
  /** Events per batch: halved after Kafka refused a batch as too large, reset after a success. */
  private batchLimit: number;
  private state: {
    kafkaConnected: boolean;
    position: LogPosition;
    lastPublishedAt: Date | null;
    lastError: string | null;
    stalled: string | null;
  } = {
    kafkaConnected: false,
    position: logStart,
    lastPublishedAt: null,
    lastError: null,
    stalled: null,
  };

  constructor(
    private readonly config: AppConfig,
    private readonly kafka: Kafka,
    @Optional() private readonly metrics?: Metrics,
    /** How the events it publishes are read: the app hands in its upcasting. */
    @Optional() @Inject(logReadOptions) private readonly readOptions: ReadOptions = {},
  ) {
    this.positionName = relayPositionName(config.kafka.topic);
    this.topicMaxBytes = config.kafka.maxMessageBytes;
    this.batchLimit = config.relay.batchSize;
  }

  onApplicationBootstrap(): void {
    if (this.config.relay.enabled) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /**
   * Lets a batch that is being sent finish (or gives up on it after a grace period), then lets
   * go. Anything else in progress, such as waiting for a broker that is down, is abandoned: the
   * loop sees `stopping` and closes what it opened on its way out.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    const loop = this.loop;
    this.loop = undefined;
    if (loop && this.sending) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        loop,
        new Promise((resolve) => (timer = setTimeout(resolve, shutdownGraceMs))),
      ]);
      clearTimeout(timer);
    }
    await this.dropProducer();
    await this.dropSession();
  }

  relayState(): RelayState {
    return {
      role: !this.loop ? 'STOPPED' : this.isLeader ? 'LEADER' : 'STANDBY',
      ...this.state,
    };
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (!this.stopping) {
      try {
        if (!(await this.holdLeadership())) {
          await this.pause(standbyRetryMs);
          continue;
        }
        const published = await this.publishNextBatch();
        backoffMs = 0;
        this.state.lastError = null;
        if (published === 0) await this.pause(this.config.relay.idlePollMs);
      } catch (error) {
        backoffMs = nextBackoff(backoffMs, this.config.relay.maxBackoffMs);
        this.state.lastError = errorMessage(error);
        this.metrics?.relayStalled.set(this.state.stalled === null ? 0 : 1);
        this.logger.warn(`publishing paused, retry in ${backoffMs} ms: ${this.state.lastError}`);
        if (error instanceof kafkajs.KafkaJSError) this.metrics?.kafkaPublishErrors.inc();
        // Anything but a Kafka failure is the database session's: start again with a fresh one.
        if (this.sessionLost || !(error instanceof kafkajs.KafkaJSError)) await this.dropSession();
        await this.pause(backoffMs);
      }
    }
    await this.dropProducer();
    await this.dropSession();
  }

  private async publishNextBatch(): Promise<number> {
    const session = this.session;
    if (!session) return 0;
    const producer = await this.connectedProducer();
    const read = await this.batchAfter(session, this.state.position);
    if (read.length === 0 || this.stopping) return 0;
    // Cut by bytes as well as by count: a batch over the topic's limit is refused whole.
    const messages = read.map(toKafkaMessage);
    const count = batchThatFits(messages, this.topicMaxBytes);
    const events = read.slice(0, count);
    const last = events.at(-1);
    if (!last) return 0;
    const [first] = messages;
    if (count === 1 && first && messageBytes(first) > this.topicMaxBytes) {
      this.state.stalled = `event ${last.eventId} at position ${last.position} is ${messageBytes(first)} bytes on Kafka; the topic carries at most ${this.topicMaxBytes}`;
      throw new Error(this.state.stalled);
    }
    this.sending = true;
    this.readAhead = { after: positionOf(last), read: this.read(session, positionOf(last)) };
    try {
      await producer.send({
        topic: this.config.kafka.topic,
        acks: -1,
        messages: messages.slice(0, count).map((message) => ({
          key: message.key,
          value: message.value,
          headers: message.headers,
        })),
      });
    } catch (error) {
      // A fresh producer (new producer id) after a failed send: whatever the broker kept of the
      // failed attempt is sent again, so duplicates are possible and gaps are not.
      this.readAhead = null;
      await this.dropProducer();
      this.sending = false;
      if (isTooLarge(error)) {
        if (count > 1) this.batchLimit = Math.max(1, Math.floor(count / 2));
        else this.state.stalled = `Kafka refuses event ${last.eventId} as too large`;
      }
      throw error;
    }
    this.batchLimit = this.config.relay.batchSize;
    this.state.stalled = null;
    this.metrics?.relayStalled.set(0);
    try {
      const position = positionOf(last);
      await savePosition(session, this.positionName, position);
      this.state.position = position;
      this.state.lastPublishedAt = new Date();
      return events.length;
    } finally {
      this.sending = false;
    }
  }

  /** The events after `position`: the batch read ahead when it starts there, else read now. */
  private batchAfter(session: Client, position: LogPosition): Promise<RecordedEvent[]> {
    const ahead = this.readAhead;
    this.readAhead = null;
    const matches =
      ahead?.after.transactionId === position.transactionId &&
      ahead.after.position === position.position;
    return matches ? ahead.read : this.read(session, position);
  }

  private read(session: Client, position: LogPosition): Promise<RecordedEvent[]> {
    const read = readAllAfter(session, position, this.batchLimit, this.readOptions);
    // A read ahead that is never used must not be an unhandled rejection; a used one rethrows.
    read.catch(() => undefined);
    return read;
  }

  private async holdLeadership(): Promise<boolean> {
    if (this.isLeader && this.session) return true;
    if (!this.session) {
      const session = new Client({
        connectionString: this.config.databaseUrl,
        application_name: 'sprint-ledger-relay',
      });
      session.on('error', (error) => {
        this.sessionLost = true;
        this.logger.warn(`relay database session lost: ${error.message}`);
      });
      session.on('notification', () => {
        this.wake();
      });
      this.sessionLost = false;
      this.session = session;
      await session.connect();
    }
    const locked = await this.session.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext($1)) AS locked`,
      [this.positionName],
    );
    if (!locked.rows[0]?.locked) return false;
    await this.session.query('LISTEN events_appended');
    this.state.position = await loadPosition(this.session, this.positionName);
    this.isLeader = true;
    this.logger.log(
      `publishing to ${this.config.kafka.topic} from position ${this.state.position.position}`,
    );
    return true;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.topicReady) {
      this.topicMaxBytes = await ensureTopic(
        this.kafka,
        this.config.kafka.topic,
        this.config.kafka.topicPartitions,
        this.config.kafka.maxMessageBytes,
      );
      this.topicReady = true;
    }
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2 on the key, as Java clients partition: a sprint lands where they expect it.
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3000 },
    });
    await producer.connect();
    this.producer = producer;
    this.state.kafkaConnected = true;
    return producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.state.kafkaConnected = false;
    await producer?.disconnect().catch(() => undefined);
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.readAhead = null;
    this.isLeader = false;
    // Closing the session releases the advisory lock, so a standby can take over at once.
    await session?.end().catch(() => undefined);
  }

  private wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenEarly = true;
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    if (this.wokenEarly) {
      this.wokenEarly = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = undefined;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
