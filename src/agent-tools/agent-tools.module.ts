import { Module } from '@nestjs/common';
import { McpController } from './mcp.controller.js';

/** The tools for agents that speak MCP rather than GraphQL: /mcp on the service. */
@Module({ controllers: [McpController] })
export class AgentToolsModule {}
