import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';
import { Metrics } from './observability/metrics.js';

const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    // Room for a 1 MiB text field to reach validation and be refused by name, not by size.
    new FastifyAdapter({ bodyLimit: 2 * 1024 * 1024 }),
    { logger: logLevels.slice(0, logLevels.indexOf(config.logLevel) + 1) },
  );
  const metrics = app.get(Metrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      if (request.url.startsWith('/graphql') && request.method === 'POST') {
        metrics.graphqlDuration.observe(
          { operation: operationOf(request.body) },
          reply.elapsedTime / 1000,
        );
      }
      done();
    });
  return app;
}

/** A client-chosen operation name, kept only when it looks like one (labels must stay few). */
function operationOf(body: unknown): string {
  const name = (body as { operationName?: unknown } | null)?.operationName;
  return typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,50}$/.test(name)
    ? name
    : 'anonymous';
}
