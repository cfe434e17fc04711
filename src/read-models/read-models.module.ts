import { Module } from '@nestjs/common';
import { ListsResolver } from './lists.resolver.js';

@Module({ providers: [ListsResolver] })
export class ReadModelsModule {}
