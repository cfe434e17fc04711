import { Controller, Get, Header, NotFoundException, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../access/access.guard.js';
import { requireReadable } from '../access/authorize.js';
import { Pool } from 'pg';
import { Clock } from '../common/clock.js';
import { renderDashboardMarkdown } from './dashboard-markdown.js';
import { loadSprintRows } from '../read-models/sprint-rows.js';

/** The dashboard document over plain HTTP, for people and tools that read Markdown. */
@Controller('sprints')
export class DashboardMarkdownController {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  @Get(':id/dashboard.md')
  @Header('content-type', 'text/markdown; charset=utf-8')
  async dashboard(@Param('id') id: string, @Req() request: FastifyRequest): Promise<string> {
    requireReadable(principalOfRequest(request), id);
    const rows = await loadSprintRows(this.pool, id);
    if (!rows) throw new NotFoundException(`no sprint ${id}`);
    return renderDashboardMarkdown(rows, this.clock.now().toISOString());
  }
}
