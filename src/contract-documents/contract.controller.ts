import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { Public } from '../access/access.guard.js';
import { AppConfig } from '../config/config.js';
import { contractFiles, eventVersions, topicSettings } from './asyncapi.js';
import { currentSchemaVersion, eventSchemaFile } from '../sprints/sprint-events.js';

/**
 * The event contract for downstream services: the AsyncAPI document of the topic and the JSON
 * Schema of every event type and version, the same files as contract/ in the repository.
 * Public, like /health: it describes shapes, never a sprint's content.
 */
@Public()
@Controller('contract')
export class ContractController {
  private readonly files: Map<string, string>;

  constructor(config: AppConfig) {
    this.files = contractFiles(topicSettings(config));
  }

  @Get()
  index() {
    return {
      asyncapi: '/contract/asyncapi.yaml',
      sprintPlan: '/contract/sprint-plan.schema.json',
      events: eventVersions().map(({ type, version }) => ({
        type,
        version,
        current: version === currentSchemaVersion(type),
        schema: `/contract/events/${eventSchemaFile(type, version)}`,
      })),
    };
  }

  @Get('asyncapi.yaml')
  @Header('content-type', 'application/yaml; charset=utf-8')
  asyncApi(): string {
    return this.file('asyncapi.yaml');
  }

  @Get('sprint-plan.schema.json')
  @Header('content-type', 'application/schema+json; charset=utf-8')
  sprintPlanSchema(): string {
    return this.file('sprint-plan.schema.json');
  }

  @Get('events/:file')
  @Header('content-type', 'application/schema+json; charset=utf-8')
  eventSchema(@Param('file') file: string): string {
    return this.file(`events/${file}`);
  }

  private file(path: string): string {
    const content = this.files.get(path);
    if (content === undefined) throw new NotFoundException(`no contract file ${path}`);
    return content;
  }
}
