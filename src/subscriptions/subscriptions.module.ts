import { Module } from '@nestjs/common';
import { EventFeed } from './event-feed.js';
import { SocketRegistry } from './socket-registry.js';
import { SprintEventsResolver } from './sprint-events.resolver.js';

@Module({
  providers: [EventFeed, SocketRegistry, SprintEventsResolver],
  exports: [SocketRegistry],
})
export class SubscriptionsModule {}
