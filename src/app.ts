import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { LogController, type FastifyRequest } from 'fastify';
import type { Principal } from './access/principal.js';
import type { AppConfig } from './config.js';
import { Metrics } from './observability/metrics.js';

const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
const pinoLevels = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const;

type LoggedRequest = FastifyRequest & { principal?: Principal | null; outcome?: string };

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    // Room for a 1 MiB text field to reach validation and be refused by name, not by size.
    new FastifyAdapter({
      bodyLimit: 2 * 1024 * 1024,
      // One line per request, written below; pino never sees headers, so no token is logged.
      logger: { level: pinoLevels[config.logLevel] },
      logController: new LogController({ disableRequestLogging: true }),
    }),
    {
      logger: new ConsoleLogger({
        json: config.logFormat === 'json',
        logLevels: logLevels.slice(0, logLevels.indexOf(config.logLevel) + 1),
      }),
    },
  );
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (request: LoggedRequest, reply, payload, done) => {
    request.outcome = outcomeOf(reply.statusCode, payload);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request: LoggedRequest, reply, done) => {
    const graphql = request.url.startsWith('/graphql') && request.method === 'POST';
    const operation = graphql ? operationOf(request.body) : null;
    if (operation !== null) {
      metrics.graphqlDuration.observe({ operation }, reply.elapsedTime / 1000);
    }
    request.log.info(
      {
        method: request.method,
        url: request.url.split('?')[0],
        operation,
        principal: request.principal?.name ?? null,
        role: request.principal?.role ?? null,
        status: reply.statusCode,
        outcome: request.outcome ?? 'ok',
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
    done();
  });
  return app;
}

/** ok, refused (a mutation's userErrors), error (GraphQL errors or an HTTP error status). */
function outcomeOf(status: number, payload: unknown): string {
  if (status >= 400) return 'error';
  if (typeof payload !== 'string') return 'ok';
  if (payload.includes('"errors":[')) return 'error';
  return payload.includes('"userErrors":[{') ? 'refused' : 'ok';
}

/** A client-chosen operation name, kept only when it looks like one (labels must stay few). */
function operationOf(body: unknown): string {
  const name = (body as { operationName?: unknown } | null)?.operationName;
  return typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,50}$/.test(name)
    ? name
    : 'anonymous';
}
