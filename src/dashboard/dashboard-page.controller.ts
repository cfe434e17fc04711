import { readdirSync, readFileSync } from 'node:fs';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access.guard.js';

/** Where the page's files are: its HTML and CSS as written, its scripts as `tsc -p web` built them. */
const pageSource = new URL('../../../web/', import.meta.url);
const pageBuild = new URL('../../web/', import.meta.url);

const contentTypes: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

const contentSecurityPolicy =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function loadAssets(): Map<string, string> {
  const assets = new Map<string, string>();
  assets.set('dashboard.css', readFileSync(new URL('dashboard.css', pageSource), 'utf8'));
  for (const file of readdirSync(pageBuild)) {
    if (file.endsWith('.js')) assets.set(file, readFileSync(new URL(file, pageBuild), 'utf8'));
  }
  if (!assets.has('main.js')) throw new Error('the dashboard page is not built: npm run build');
  return assets;
}

/**
 * The live dashboard page: `/` lists the sprints, `/sprints/:id` shows one. The page itself is
 * public and holds no data; it asks the API with the token the user gives it, like any client.
 */
@Public()
@Controller()
export class DashboardPageController {
  private readonly page = readFileSync(new URL('index.html', pageSource), 'utf8');
  private readonly assets = loadAssets();

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', contentSecurityPolicy)
  @Header('cache-control', 'no-cache')
  sprintList(): string {
    return this.page;
  }

  @Get('sprints/:id')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', contentSecurityPolicy)
  @Header('cache-control', 'no-cache')
  sprint(): string {
    return this.page;
  }

  @Get('assets/:file')
  @Header('cache-control', 'no-cache')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const content = this.assets.get(file);
    const type = contentTypes[file.split('.').pop() ?? ''];
    if (content === undefined || type === undefined) {
      throw new NotFoundException(`no asset ${file}`);
    }
    void reply.header('content-type', type);
    return content;
  }
}
