#!/usr/bin/env node
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { remoteClient } from '../agent-tools/ledger-client.js';
import { ledgerMcpServer } from '../agent-tools/mcp-server.js';
import { packageVersion } from '../common/package-version.js';

/**
 * `sprint-ledger-mcp`: the MCP server over stdio, for an agent host that starts its tools as
 * processes. It speaks to a running service at SPRINT_LEDGER_URL (default
 * http://127.0.0.1:3000) with SPRINT_LEDGER_TOKEN; SPRINT_LEDGER_SPRINT names the sprint when
 * the token may act in several. Stdout carries the protocol only.
 */
const server = ledgerMcpServer(
  remoteClient({
    url: process.env.SPRINT_LEDGER_URL ?? 'http://127.0.0.1:3000',
    token: process.env.SPRINT_LEDGER_TOKEN ?? null,
  }),
  { version: packageVersion, defaultSprintId: process.env.SPRINT_LEDGER_SPRINT ?? null },
);
await server.connect(new StdioServerTransport());
