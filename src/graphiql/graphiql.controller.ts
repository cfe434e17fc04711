import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access.guard.js';
import { AppConfig } from '../config/config.js';

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string): string =>
  join(dirname(require.resolve(`${name}/package.json`)), file);

/** GraphiQL's files, from the installed packages: nothing comes from a CDN. */
const assetFiles: Readonly<Record<string, string>> = {
  'react.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.css': packageFile('graphiql', 'graphiql.min.css'),
  'start.js': fileURLToPath(new URL('../../web/graphiql.js', import.meta.url)),
};

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>sprint-ledger GraphiQL</title>
    <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
    <style>
      body { margin: 0; height: 100vh; font-family: system-ui, sans-serif; }
      #graphiql { height: 100vh; }
      form.token { max-width: 28rem; margin: 4rem auto; display: grid; gap: 0.75rem; }
    </style>
    <script src="/graphiql/assets/react.js"></script>
    <script src="/graphiql/assets/react-dom.js"></script>
    <script src="/graphiql/assets/graphiql.js"></script>
    <script type="module" src="/graphiql/assets/start.js"></script>
  </head>
  <body>
    <div id="graphiql">Loading…</div>
  </body>
</html>
`;

// GraphiQL's editors set inline styles; its scripts, like the page's, come from here only.
const contentSecurityPolicy =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
  "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'";

const contentTypes: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/**
 * GraphiQL at `/graphiql` (GRAPHIQL, on outside production), served whole from the service so it
 * works on a closed network. The page is public and holds no data; it asks for a token and sends
 * it to /graphql like any client.
 */
@Public()
@Controller('graphiql')
export class GraphiqlController {
  /** Read once at boot, and only when GraphiQL is on: about 4 MB, mostly GraphiQL's bundle. */
  private readonly assets: ReadonlyMap<string, string>;

  constructor(private readonly config: AppConfig) {
    this.assets = new Map(
      config.graphiql
        ? Object.entries(assetFiles).map(([file, path]) => [file, readFileSync(path, 'utf8')])
        : [],
    );
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', contentSecurityPolicy)
  @Header('cache-control', 'no-cache')
  page(): string {
    if (!this.config.graphiql) throw new NotFoundException();
    return page;
  }

  @Get('assets/:file')
  @Header('cache-control', 'public, max-age=3600')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const content = this.assets.get(file);
    if (content === undefined) throw new NotFoundException();
    void reply.header('content-type', contentTypes[file.split('.').pop() ?? ''] ?? 'text/plain');
    return content;
  }
}
