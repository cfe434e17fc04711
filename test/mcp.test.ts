import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { operations } from '../src/agent-tools/operations.js';
import { dayEvents, eventsOf, importDemoAs, playDayOverGraphql } from './support/agent-day.js';
import { startTestApp, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot, testConfig } from './support/environment.js';

interface ToolAnswer {
  readonly isError?: boolean;
  readonly content: readonly { type: string; text?: string }[];
}

/** The text of a tool's answer, parsed. */
function parsed(answer: unknown): Record<string, unknown> {
  const [first] = (answer as ToolAnswer).content;
  assert.equal(first?.type, 'text');
  return JSON.parse(first.text ?? '') as Record<string, unknown>;
}

/** An agent's day with the MCP tools: what is ready, claim, hours, a blocker, done. */
async function playDay(client: Client): Promise<void> {
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const answer = await client.callTool({ name, arguments: args });
    assert.notEqual((answer as ToolAnswer).isError, true, `${name}: ${JSON.stringify(answer)}`);
    return parsed(answer);
  };
  const ready = await call('ready_tasks');
  const nodes = ready.nodes as { task: { id: string } }[];
  assert.equal(nodes[0]?.task.id, '1.1');
  assert.deepEqual((await call('claim_task', { taskId: '1.1' })).recorded, [
    'SprintStarted',
    'TaskStarted',
    'TaskClaimed',
    'PhaseStatusChanged',
    'AgentStatusChanged',
  ]);
  const logged = await call('log_hours', { taskId: '1.1', hours: 0.5, note: 'sketched' });
  assert.equal((logged.task as { actualHours: number }).actualHours, 0.5);
  const raised = await call('raise_blocker', {
    severity: 'P2',
    taskId: '1.1',
    description: 'the Temporal dev server will not start',
  });
  const blocker = raised.blocker as { id: string; agent: string; status: string };
  assert.deepEqual([blocker.agent, blocker.status], ['python-pro', 'OPEN']);
  await call('resolve_blocker', { blockerId: blocker.id, resolution: 'port 7233 freed' });
  const done = await call('complete_task', { taskId: '1.1' });
  assert.equal((done.task as { status: string }).status, 'COMPLETE');
}

describe('MCP: an agent’s day with the official SDK client, over HTTP and over stdio', () => {
  let db: TestDatabase;
  let app: TestApp;
  const tokens: Record<string, string> = {};
  const clients: Client[] = [];

  const httpClient = async (token: string | null) => {
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), { requestInit: { headers } }),
    );
    clients.push(client);
    return client;
  };
  const stdioClient = async (token: string) => {
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [`${repoRoot}/dist/src/cli/mcp.js`],
        env: {
          PATH: process.env.PATH ?? '',
          SPRINT_LEDGER_URL: app.url,
          SPRINT_LEDGER_TOKEN: token,
        },
        stderr: 'pipe',
      }),
    );
    clients.push(client);
    return client;
  };

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    for (const key of ['over-graphql', 'over-http', 'over-stdio', 'refusals']) {
      tokens[key] = await importDemoAs(app, key);
    }
  });
  after(async () => {
    for (const client of clients) await client.close();
    await app.close();
    await db.drop();
  });

  it('lists every operation of the table as a described tool, and the two resources', async () => {
    const client = await httpClient(tokens['over-http'] ?? '');
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((tool) => tool.name).sort(),
      operations.map((operation) => operation.name).sort(),
    );
    for (const tool of tools) {
      assert.ok((tool.description ?? '').length >= 40, `${tool.name} is described`);
      assert.equal(tool.inputSchema.type, 'object');
      for (const [key, property] of Object.entries(tool.inputSchema.properties ?? {})) {
        assert.ok((property as { description?: string }).description, `${tool.name}.${key}`);
      }
      assert.ok(!('agent' in (tool.inputSchema.required ?? [])), `${tool.name} needs no agent`);
    }
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(
      resourceTemplates.map((template) => template.uriTemplate),
      ['sprint-ledger://sprints/{sprintId}/dashboard.md'],
    );
    const { resources } = await client.listResources();
    assert.deepEqual(
      resources.map((resource) => resource.uri),
      ['sprint-ledger://contract/asyncapi.yaml', 'sprint-ledger://sprints/over-http/dashboard.md'],
    );
  });

  it('plays the day over HTTP and over stdio, recording exactly what GraphQL records', async () => {
    await playDayOverGraphql(app.as(tokens['over-graphql'] ?? ''), 'over-graphql');

    await playDay(await httpClient(tokens['over-http'] ?? ''));
    await playDay(await stdioClient(tokens['over-stdio'] ?? ''));

    const overGraphql = await dayEvents(db, 'over-graphql');
    const named = (sprint: string) =>
      JSON.parse(JSON.stringify(overGraphql).replaceAll('over-graphql', sprint)) as unknown;
    assert.deepEqual(await eventsOf(db, 'over-http'), named('over-http'));
    assert.deepEqual(await eventsOf(db, 'over-stdio'), named('over-stdio'));
  });

  it('answers a refusal with the API’s own code and field, recording nothing', async () => {
    const client = await httpClient(tokens.refusals ?? '');
    const before = await countEvents(db.pool);
    const refusal = async (name: string, args: Record<string, unknown>) => {
      const answer = await client.callTool({ name, arguments: args });
      assert.equal((answer as ToolAnswer).isError, true, JSON.stringify(answer));
      return parsed(answer).error as { code: string; field: string | null };
    };
    assert.deepEqual(await refusal('complete_task', { taskId: '1.1' }), {
      code: 'INVALID_TRANSITION',
      field: 'taskId',
      message: 'task 1.1 is NOT_STARTED, only a task in progress can complete',
      allowed: ['IN_PROGRESS'],
    });
    assert.equal((await refusal('claim_task', { taskId: 'constructor' })).code, 'NOT_FOUND');
    assert.equal((await refusal('claim_task', { taskId: '1.2' })).code, 'DEPENDENCY_NOT_MET');
    assert.equal((await refusal('ready_tasks', { sprintId: 'over-http' })).code, 'FORBIDDEN');
    // Arguments outside a tool's schema never reach the service, and are refused as GraphQL
    // refuses them: VALIDATION_FAILED, naming the argument.
    const invalid = await refusal('log_hours', { taskId: '1.1', hours: -1 });
    assert.deepEqual([invalid.code, invalid.field], ['VALIDATION_FAILED', 'hours']);
    const unknown = await refusal('log_hours', { taskId: '1.1', hours: 1, agentName: 'x' });
    assert.deepEqual([unknown.code, unknown.field], ['VALIDATION_FAILED', 'agentName']);
    assert.equal((await refusal('no_such_tool', {})).code, 'NOT_FOUND');
    assert.equal(await countEvents(db.pool), before);
  });

  it('reads the dashboard and the event contract as resources', async () => {
    const client = await httpClient(tokens['over-http'] ?? '');
    const dashboard = await client.readResource({
      uri: 'sprint-ledger://sprints/over-http/dashboard.md',
    });
    const [markdown] = dashboard.contents as { text?: string; mimeType?: string }[];
    assert.equal(markdown?.mimeType, 'text/markdown');
    assert.match(markdown.text ?? '', /^# .*Sprint 4: Temporal Workflow Testing/m);
    const contract = await client.readResource({ uri: 'sprint-ledger://contract/asyncapi.yaml' });
    const [yaml] = contract.contents as { text?: string }[];
    assert.match(yaml?.text ?? '', /^asyncapi: 3\.0\.0$/m);
    assert.match(yaml?.text ?? '', /TaskClaimed/);
  });

  it('refuses /mcp without a live token, as every other route does', async () => {
    const response = await request(app.url)
      .post('/mcp')
      .set('accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    assert.equal(response.status, 401);
    assert.equal((response.body as { code: string }).code, 'UNAUTHENTICATED');
    await assert.rejects(httpClient('slt_forged'));
    const get = await request(app.url)
      .get('/mcp')
      .set('authorization', `Bearer ${tokens.refusals}`);
    assert.equal(get.status, 405);
  });
});
