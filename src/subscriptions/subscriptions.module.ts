import { Module } from '@nestjs/common';
import { EventFeed } from './event-feed.js';
import { SprintEventsResolver } from './sprint-events.resolver.js';

@Module({ providers: [EventFeed, SprintEventsResolver] })
export class SubscriptionsModule {}
