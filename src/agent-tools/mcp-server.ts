import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { LedgerClient } from './ledger-client.js';
import type { Operation } from './operation-kit.js';
import { operations, type Arguments } from './operations.js';
import { OperationError, OperationRunner, type Me } from './run-operation.js';

export const mcpInstructions = `sprint-ledger coordinates a sprint worked by several agents. Your token says which agent you are and which sprints you may touch, so no tool needs your name.
A working loop: ready_tasks -> claim_task -> (heartbeat about every minute, log_hours as you go) -> complete_task. Say what stops you with raise_blocker, report defects with report_issue, ask other agents with ask and read what was sent to you with my_messages. sprint_status and the dashboard resource show the whole sprint.
A refused call answers isError with {"error": {"code", "field", "message"}}: the same stable codes as the GraphQL API (ALREADY_CLAIMED, LEASE_LOST, DEPENDENCY_NOT_MET, BLOCKED, INVALID_TRANSITION, ...).`;

function answer(value: unknown): CallToolResult {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { content: [{ type: 'text', text }] };
}

function refusal(error: unknown): CallToolResult {
  if (!(error instanceof OperationError)) throw error;
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }] };
}

export interface McpOptions {
  readonly version: string;
  readonly defaultSprintId?: string | null;
  /** The caller, when the server already knows it (the service's own /mcp). */
  readonly me?: Me;
}

/** The MCP server of one connection: the operation table as tools, and two resources. */
export function ledgerMcpServer(client: LedgerClient, options: McpOptions): McpServer {
  const server = new McpServer(
    { name: 'sprint-ledger', version: options.version },
    { instructions: mcpInstructions },
  );
  const runner = new OperationRunner(client, {
    sprintId: options.defaultSprintId ?? null,
    ...(options.me ? { me: options.me } : {}),
  });
  const call = async (operation: Operation, args: unknown): Promise<CallToolResult> => {
    try {
      return answer(await runner.run(operation, args as Arguments));
    } catch (error) {
      return refusal(error);
    }
  };
  for (const operation of operations) {
    server.registerTool(
      operation.name,
      {
        title: operation.title,
        description: operation.description,
        inputSchema: operation.input,
        annotations: {
          readOnlyHint: !operation.changes,
          destructiveHint: false,
          idempotentHint: !operation.changes,
          openWorldHint: false,
        },
      },
      (args: Arguments) => call(operation, args),
    );
  }
  // The SDK checks a call's arguments against the tool's schema and answers a mismatch as its
  // own text (-32602). The runner checks them against the same schema and answers as the API
  // does: VALIDATION_FAILED naming the argument. So calls go straight to it.
  const byName = new Map(operations.map((operation) => [operation.name, operation]));
  server.server.setRequestHandler(CallToolRequestSchema, (request) => {
    const operation = byName.get(request.params.name);
    if (!operation) {
      return refusal(
        new OperationError('NOT_FOUND', `no tool is named ${request.params.name}`, 'name'),
      );
    }
    return call(operation, request.params.arguments ?? {});
  });
  registerResources(server, client);
  return server;
}

async function text(client: LedgerClient, path: string): Promise<string> {
  const document = await client.get(path);
  if (document.status >= 400) {
    throw new OperationError(document.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', document.body);
  }
  return document.body;
}

function registerResources(server: McpServer, client: LedgerClient): void {
  server.registerResource(
    'dashboard',
    new ResourceTemplate('sprint-ledger://sprints/{sprintId}/dashboard.md', {
      list: async () => {
        const body = await client.graphql('{ sprints { nodes { id name } } }', {});
        const sprints = (body.data?.sprints as { nodes?: { id: string; name: string }[] } | null)
          ?.nodes;
        return {
          resources: (sprints ?? []).map((sprint) => ({
            uri: `sprint-ledger://sprints/${encodeURIComponent(sprint.id)}/dashboard.md`,
            name: `${sprint.name} dashboard`,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'Sprint dashboard',
      description: 'A sprint’s coordination dashboard as Markdown, live from its event log.',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const sprintId = String(variables.sprintId);
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'text/markdown',
            text: await text(client, `/sprints/${sprintId}/dashboard.md`),
          },
        ],
      };
    },
  );
  server.registerResource(
    'event-contract',
    'sprint-ledger://contract/asyncapi.yaml',
    {
      title: 'Event contract',
      description:
        'The AsyncAPI document of the events sprint-ledger publishes to Kafka: every event type, its JSON Schema, the topic and the key.',
      mimeType: 'application/yaml',
    },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/yaml',
          text: await text(client, '/contract/asyncapi.yaml'),
        },
      ],
    }),
  );
}
