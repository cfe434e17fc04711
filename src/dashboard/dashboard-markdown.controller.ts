import { Controller, Get, Header, NotFoundException, Param, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { Clock } from '../common/clock.js';
import { SprintViewQuery } from '../read-models/sprint-view.query.js';
import { renderDashboardMarkdown } from './dashboard-markdown.js';

/** The dashboard document over plain HTTP, for people and tools that read Markdown. */
@Controller('sprints')
export class DashboardMarkdownController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get(':id/dashboard.md')
  @Header('content-type', 'text/markdown; charset=utf-8')
  async dashboard(@Param('id') id: string, @Req() request: FastifyRequest): Promise<string> {
    // The same view query as GraphQL's, which checks the request's principal may read it.
    const document = await this.queryBus.execute(
      new SprintViewQuery(
        id,
        (rows, remember) => renderDashboardMarkdown(rows, this.clock.now().toISOString(), remember),
        request,
      ),
    );
    if (document === null) throw new NotFoundException(`no sprint ${id}`);
    return document;
  }
}
