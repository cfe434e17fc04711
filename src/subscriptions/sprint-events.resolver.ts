import { SprintEventTypeEnum } from '../sprints/sprint-event-type.graphql.js';
import { SprintIdArg } from '../common/graphql-arguments.js';
import { QueryBus } from '@nestjs/cqrs';
import {
  Args,
  Context,
  Field,
  Float,
  ID,
  Int,
  ObjectType,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { principalOfRequest } from '../access/access.guard.js';
import { requireReadable } from '../access/authorize.js';
import { withGraphqlErrors } from '../common/graphql-errors.js';
import { checkText, textLimits } from '../common/text-limits.js';
import { dashboardNeeds, toDashboard } from '../dashboard/dashboard-view.js';
import { SprintViewQuery } from '../read-models/sprint-view.query.js';
import { Dashboard } from '../dashboard/dashboard.types.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { EventFeed } from './event-feed.js';
import { SocketRegistry } from './socket-registry.js';

@ObjectType({ description: 'One event of a sprint as it is committed.' })
export class SprintEventMessage {
  @Field(() => Float, { description: 'Global position: resume after it with `after`.' })
  position!: number;
  @Field(() => Int, { description: "The sprint's version this event made; resume after it." })
  streamVersion!: number;
  @Field(() => ID, { description: "The event's id, stable on Kafka too." }) eventId!: string;
  @Field(() => SprintEventTypeEnum, { description: "The event's type." }) type!: string;
  @Field(() => Int, { description: 'The payload version: its schema is under /contract.' })
  schemaVersion!: number;
  @Field(() => String, { nullable: true, description: 'Who recorded it.' }) actor!: string | null;
  @Field(() => Date, { description: 'When it was recorded.' }) recordedAt!: Date;
  @Field({ description: 'The event payload, as JSON.' }) data!: string;
}

function toMessage(event: RecordedEvent): SprintEventMessage {
  return {
    position: event.position,
    streamVersion: event.streamVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: event.metadata.actor ?? null,
    recordedAt: event.recordedAt,
    data: JSON.stringify(event.data),
  };
}

@Resolver(() => SprintEventMessage)
export class SprintEventsResolver {
  constructor(
    private readonly feed: EventFeed,
    private readonly queryBus: QueryBus,
    private readonly sockets: SocketRegistry,
  ) {}

  @Subscription(() => SprintEventMessage, {
    description:
      'Every event of a sprint after the global position `after` (0: from the start), then each new one, in order, whichever instance recorded it.',
    resolve: (message: SprintEventMessage) => message,
  })
  sprintEvents(
    @SprintIdArg() sprintId: string,
    @Args('after', {
      type: () => Float,
      nullable: true,
      description:
        'Resume after this stream version: events after it are sent first, then live ones.',
    })
    after: number | undefined,
    @Context('request') request: FastifyRequest,
    @Context('socket') socket: WebSocket | undefined,
    @Context('id') id: string | number | undefined,
  ): AsyncGenerator<SprintEventMessage> {
    return withGraphqlErrors(
      this.held(sprintId, request, socket, id, (signal) =>
        this.messages(sprintId, after ?? 0, signal),
      ),
    );
  }

  @Subscription(() => Dashboard, {
    description:
      'The sprint’s dashboard now, then again after every change to the sprint, whichever instance recorded it.',
    resolve: (dashboard: Dashboard) => dashboard,
  })
  dashboardChanged(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Context('socket') socket: WebSocket | undefined,
    @Context('id') id: string | number | undefined,
  ): AsyncGenerator<Dashboard> {
    return withGraphqlErrors(
      this.held(sprintId, request, socket, id, (signal) => this.dashboards(sprintId, signal)),
    );
  }

  /** Checks the sprint id, and counts the subscription against its socket's limit while it runs. */
  private async *held<T>(
    sprintId: string,
    request: FastifyRequest,
    socket: WebSocket | undefined,
    id: string | number | undefined,
    source: (ended: AbortSignal) => AsyncGenerator<T>,
  ): AsyncGenerator<T> {
    checkText(sprintId, 'sprintId', textLimits.short);
    const principal = principalOfRequest(request);
    requireReadable(principal, sprintId);
    const held = this.sockets.opened(socket, id, principal);
    try {
      yield* source(held.signal);
    } finally {
      held.release();
    }
  }

  private async *dashboards(sprintId: string, ended: AbortSignal): AsyncGenerator<Dashboard> {
    const unsubscribed = new AbortController();
    const signal = AbortSignal.any([ended, unsubscribed.signal]);
    try {
      const start = await this.feed.latestPosition(sprintId);
      // The reader was checked when it subscribed; each view reads the rows anew.
      const dashboard = () =>
        this.queryBus.execute(new SprintViewQuery(sprintId, toDashboard, null, dashboardNeeds));
      const now = await dashboard();
      if (now) yield now;
      for await (const changes of this.feed.batches(sprintId, start, signal)) {
        if (changes.length === 0) continue;
        const next = await dashboard();
        if (next) yield next;
      }
    } finally {
      unsubscribed.abort();
    }
  }

  private async *messages(
    sprintId: string,
    after: number,
    ended: AbortSignal,
  ): AsyncGenerator<SprintEventMessage> {
    const unsubscribed = new AbortController();
    const signal = AbortSignal.any([ended, unsubscribed.signal]);
    try {
      for await (const event of this.feed.follow(sprintId, after, signal)) {
        yield toMessage(event);
      }
    } finally {
      unsubscribed.abort();
    }
  }
}
