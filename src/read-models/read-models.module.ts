import { Module } from '@nestjs/common';
import { ListsResolver } from './lists.resolver.js';
import { SprintListsResolver } from './sprint-lists.resolver.js';
import { SprintViewHandler } from './sprint-view.query.js';

@Module({ providers: [ListsResolver, SprintListsResolver, SprintViewHandler] })
export class ReadModelsModule {}
