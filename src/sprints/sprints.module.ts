import { Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { SprintCommands } from './sprint.commands.js';
import { SprintResolver } from './sprint.resolver.js';

@Module({
  providers: [Clock, SprintCommands, SprintResolver],
  exports: [SprintCommands],
})
export class SprintsModule {}
