import { Module } from '@nestjs/common';
import { SprintCommands } from './sprint.commands.js';
import { SprintResolver } from './sprint.resolver.js';

@Module({
  providers: [SprintCommands, SprintResolver],
  exports: [SprintCommands],
})
export class SprintsModule {}
