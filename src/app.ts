import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { Principal } from './access/principal.js';
import { authenticateRequest } from './access/access.guard.js';
import { TokenCache } from './access/token-cache.js';
import type { AppConfig } from './config/config.js';
import { Metrics } from './observability/metrics.js';
import { SocketRegistry } from './subscriptions/socket-registry.js';

/** A subscription document is small: a WebSocket message past this is refused by the socket. */
const maxWebSocketMessageBytes = 64 * 1024;

const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
const pinoLevels = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const;

type LoggedRequest = FastifyRequest & {
  principal?: Principal | null;
  outcome?: string;
  /** The operation's first root field, set once the document is valid: a bounded label. */
  graphqlOperation?: string;
};

/** The trace id of a W3C `traceparent` header (`00-<trace id>-<parent id>-<flags>`), if valid. */
export function traceIdOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(value?.trim() ?? '');
  const traceId = match?.[1];
  return traceId && !/^0+$/.test(traceId) ? traceId : null;
}

/** The Fastify the service runs on. */
function httpAdapter(config: AppConfig): FastifyAdapter {
  // Room for a 2,000,000-character plan, and a 1 MiB text field refused by name, not by size.
  return new FastifyAdapter({
    bodyLimit: 4 * 1024 * 1024,
    // One line per request, written below; pino never sees headers, so no token is logged.
    logger: { level: pinoLevels[config.logLevel] },
    logController: new LogController({ disableRequestLogging: true }),
    // The correlation id events carry: the caller's W3C trace id when it sends one, else a UUID.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
      traceIdOf(request.headers.traceparent) ?? randomUUID(),
  });
}

/** CORS for the origins configured, or off (no CORS headers, preflights not answered). */
function corsOf(config: AppConfig) {
  if (config.corsOrigins.length === 0) return false;
  return {
    origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'traceparent', 'mcp-protocol-version'],
    maxAge: 600,
  };
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    httpAdapter(config),
    {
      logger: new ConsoleLogger({
        json: config.logFormat === 'json',
        logLevels: logLevels.slice(0, logLevels.indexOf(config.logLevel) + 1),
      }),
      cors: corsOf(config),
    },
  );
  const metrics = app.get(Metrics);
  const tokens = app.get(TokenCache);
  const fastify = app.getHttpAdapter().getInstance();
  // Registered here, before mercurius registers it with a 1 MiB message limit: a subscription
  // document is parsed without a token budget, so the socket's own limit bounds that parse.
  void fastify.register(fastifyWebsocket, { options: { maxPayload: maxWebSocketMessageBytes } });
  fastify.addHook('onReady', (done) => {
    app.get(SocketRegistry).watch(fastify.websocketServer);
    done();
  });
  // GraphQL over HTTP needs a live token before its body is read or its document parsed, so a
  // client without one costs a hash and a lookup, nothing more. WebSockets authenticate per
  // subscription, with the token of their connection_init.
  fastify.addHook('onRequest', async (request: LoggedRequest, reply) => {
    if (request.url.split('?')[0] !== '/graphql' || request.method === 'OPTIONS') return;
    // A WebSocket handshake: its token comes in connection_init (node routes a request with
    // `Connection: Upgrade` to the socket server, so a POST cannot pass for one).
    if (request.method === 'GET' && /^websocket$/i.test(request.headers.upgrade ?? '')) return;
    if (await authenticateRequest(tokens, request)) return;
    await refuseRequest(request, reply, 401, {
      code: 'UNAUTHENTICATED',
      field: 'authorization',
      message: 'a valid API token is required: Authorization: Bearer <token>',
    });
  });
  fastify.addHook('onSend', (request: LoggedRequest, reply, payload, done) => {
    request.outcome = outcomeOf(reply.statusCode, payload);
    done(null, payload);
  });
  // GraphQL over HTTP wants `query` as text, `variables` as an object, `operationName` as text;
  // a body of other shapes is the client's mistake, said so before anything parses it.
  fastify.addHook('preHandler', async (request: LoggedRequest, reply) => {
    if (request.method !== 'POST' || request.url.split('?')[0] !== '/graphql') return;
    const problem = malformedBody(request.body);
    if (problem !== null)
      await refuseRequest(request, reply, 400, { code: 'BAD_REQUEST', ...problem });
  });
  fastify.addHook('onResponse', (request: LoggedRequest, reply, done) => {
    const graphql = request.url.startsWith('/graphql') && request.method === 'POST';
    const operation = graphql ? operationOf(request.body) : null;
    if (graphql) {
      metrics.graphqlDuration.observe(
        { operation: request.graphqlOperation ?? 'other' },
        reply.elapsedTime / 1000,
      );
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

/** Answers a GraphQL request before GraphQL sees it, in the shape of a GraphQL error. */
async function refuseRequest(
  request: LoggedRequest,
  reply: FastifyReply,
  status: number,
  error: { code: string; field: string; message: string },
): Promise<void> {
  request.outcome = 'error';
  await reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({
      data: null,
      errors: [
        {
          message: error.message,
          extensions: { code: error.code, field: error.field, requestId: request.id },
        },
      ],
    });
}

/** What is wrong with a GraphQL request body's shape, or null when nothing is. */
function malformedBody(body: unknown): { message: string; field: string } | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      message: 'the body must be one JSON object: { query, variables, operationName }',
      field: 'body',
    };
  }
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return { message: 'query must be a string', field: 'query' };
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { message: 'variables must be an object', field: 'variables' };
  }
  if (operationName != null && typeof operationName !== 'string') {
    return { message: 'operationName must be a string', field: 'operationName' };
  }
  return null;
}

/** ok, refused (a mutation's userErrors), error (GraphQL errors or an HTTP error status). */
function outcomeOf(status: number, payload: unknown): string {
  if (status >= 400) return 'error';
  if (typeof payload !== 'string') return 'ok';
  if (payload.includes('"errors":[')) return 'error';
  return payload.includes('"userErrors":[{') ? 'refused' : 'ok';
}

/** A client-chosen operation name for the log line, kept only when it looks like one. */
function operationOf(body: unknown): string {
  const name = (body as { operationName?: unknown } | null)?.operationName;
  return typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,50}$/.test(name)
    ? name
    : 'anonymous';
}
