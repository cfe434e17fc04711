import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOfRequest } from '../access/access.guard.js';
import { packageVersion } from '../common/package-version.js';
import type { LedgerClient } from './ledger-client.js';
import { ledgerMcpServer } from './mcp-server.js';

/**
 * The service's own GraphQL and documents, asked as the caller: each request goes through every
 * hook, guard, limit and rule an HTTP client's request does, with the caller's token.
 */
export function inProcessClient(fastify: FastifyInstance, caller: FastifyRequest): LedgerClient {
  const headers = {
    ...(caller.headers.authorization ? { authorization: caller.headers.authorization } : {}),
    ...(caller.headers.traceparent ? { traceparent: String(caller.headers.traceparent) } : {}),
  };
  return {
    async graphql(query, variables) {
      const response = await fastify.inject({
        method: 'POST',
        url: '/graphql',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: { query, variables },
      });
      return response.json();
    },
    async get(path) {
      const response = await fastify.inject({ method: 'GET', url: path, headers });
      return { status: response.statusCode, body: response.body };
    },
  };
}

/**
 * MCP over streamable HTTP at /mcp, stateless: every POST is one JSON-RPC exchange, answered as
 * JSON, with its own server over the caller's token (the guard has checked it is live).
 */
@Controller('mcp')
export class McpController {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  @Post()
  async post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const { agent, sprints } = principalOfRequest(request);
    const server = ledgerMcpServer(inProcessClient(fastify, request), {
      version: packageVersion,
      me: { agent, sprints },
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  }

  /** No sessions and no server-sent stream: GET and DELETE are not part of a stateless server. */
  @Get()
  @Delete()
  other(@Res() reply: FastifyReply): void {
    void reply
      .code(405)
      .header('allow', 'POST')
      .send({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'this MCP server is stateless: POST only' },
        id: null,
      });
  }
}
