import { Module } from '@nestjs/common';
import { LogReactions } from './log-reactions.js';

/** Where reactions to recorded events live: event handlers and sagas on the log-fed EventBus. */
@Module({ providers: [LogReactions], exports: [LogReactions] })
export class ReactionsModule {}
