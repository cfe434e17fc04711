import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { aSprintPlan } from './builders/sprint-plan.builder.js';
import { startTestApp, type GraphqlResponse, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';

interface Issued {
  issueApiToken: { token: string; principal: { id: string } };
}

interface SchemaField {
  name: string;
  args: { name: string; type: { kind: string } }[];
  type: { kind: string; ofType: { kind: string; ofType: { kind: string } | null } | null };
}

/** Whether a field's type, through non-null and list wrappers, is an object type. */
function returnsObject(field: SchemaField): boolean {
  let type: { kind: string; ofType?: unknown } | null = field.type;
  while (type && (type.kind === 'NON_NULL' || type.kind === 'LIST')) {
    type = (type.ofType as { kind: string; ofType?: unknown } | null) ?? null;
  }
  return type?.kind === 'OBJECT';
}

function documentFor(operation: 'query' | 'subscription', field: SchemaField, sprintId: string) {
  const argument = field.args.some((arg) => arg.name === 'sprintId') ? 'sprintId' : 'id';
  const selection = returnsObject(field) ? '{ __typename }' : '';
  // Any other required argument (a preview's plan) given as empty text: the read is what counts.
  const others = field.args
    .filter((arg) => arg.name !== argument && arg.type.kind === 'NON_NULL')
    .map((arg) => `, ${arg.name}: ""`)
    .join('');
  // A token of no agent names one where the query is about an agent (readyTasks).
  const agent = field.args.some((arg) => arg.name === 'agent') ? ', agent: "python-pro"' : '';
  return `${operation} { ${field.name}(${argument}: "${sprintId}"${others}${agent}) ${selection} }`;
}

const codeOf = (body: GraphqlResponse<unknown>) => body.errors?.[0]?.extensions?.code ?? null;

describe('reads scoped like writes, and tokens bound to what exists', () => {
  let db: TestDatabase;
  let app: TestApp;
  let agentToken = '';
  let boundViewerToken = '';
  let viewerToken = '';
  let qaToken = '';

  const issue = async (input: Record<string, unknown>) =>
    app.graphql<Issued>(
      `mutation ($input: IssueApiTokenInput!) {
        issueApiToken(input: $input) { token principal { id } }
      }`,
      { input },
    );
  const tokenOf = async (input: Record<string, unknown>) => {
    const body = await issue(input);
    assert.ok(body.data, JSON.stringify(body.errors));
    return body.data.issueApiToken.token;
  };

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    await app.importDemoSprint();
    const other = await app.mutate('importSprintPlan', {
      plan: JSON.stringify(aSprintPlan({ key: 'sprint-b' })),
    });
    assert.deepEqual(other.userErrors, []);
    agentToken = await tokenOf({
      name: 'python-pro bot',
      role: 'AGENT',
      kind: 'AGENT',
      agent: 'python-pro',
      sprints: ['sprint-4'],
    });
    qaToken = await tokenOf({
      name: 'qa bot',
      role: 'AGENT',
      kind: 'AGENT',
      agent: 'qa-engineer',
      sprints: ['sprint-4'],
    });
    boundViewerToken = await tokenOf({ name: 'b screen', role: 'VIEWER', sprints: ['sprint-b'] });
    viewerToken = await tokenOf({ name: 'wall screen', role: 'VIEWER' });
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('lets an agent read only its sprints, in every query and subscription', async () => {
    const schema = await app.graphql<{
      __schema: {
        queryType: { fields: SchemaField[] };
        subscriptionType: { fields: SchemaField[] };
      };
    }>(`{ __schema {
      queryType { fields { name args { name type { kind } } type { kind ofType { kind ofType { kind } } } } }
      subscriptionType { fields { name args { name type { kind } } type { kind ofType { kind ofType { kind } } } } }
    } }`);
    const bySprint = (fields: SchemaField[] | undefined) =>
      (fields ?? []).filter((field) =>
        field.args.some((arg) => arg.name === 'sprintId' || arg.name === 'id'),
      );
    const queries = bySprint(schema.data?.__schema.queryType.fields);
    assert.ok(queries.length >= 10, `${queries.length} queries take a sprint`);
    const agent = app.as(agentToken);
    const boundViewer = app.as(boundViewerToken);
    const viewer = app.as(viewerToken);
    for (const field of queries) {
      assert.equal(codeOf(await agent.graphql(documentFor('query', field, 'sprint-4'))), null);
      assert.equal(
        codeOf(await agent.graphql(documentFor('query', field, 'sprint-b'))),
        'FORBIDDEN',
        `${field.name} of another sprint`,
      );
      assert.equal(
        codeOf(await boundViewer.graphql(documentFor('query', field, 'sprint-4'))),
        'FORBIDDEN',
        `${field.name} for a viewer bound elsewhere`,
      );
      assert.equal(codeOf(await viewer.graphql(documentFor('query', field, 'sprint-b'))), null);
    }
    // One rule for a sprint that does not exist: null, neither an error nor an empty page (a
    // preview of a plan answers for the plan).
    for (const field of queries.filter(({ name }) => name !== 'previewPlanChanges')) {
      const body = await viewer.graphql(documentFor('query', field, 'no-such-sprint'));
      assert.deepEqual([codeOf(body), body.data?.[field.name]], [null, null], field.name);
    }
    const listed = await agent.graphql<{ sprints: { nodes: { id: string }[] } }>(
      '{ sprints { nodes { id } } }',
    );
    assert.deepEqual(
      listed.data?.sprints.nodes.map((summary) => summary.id),
      ['sprint-4'],
    );
    const markdown = await request(app.url)
      .get('/sprints/sprint-b/dashboard.md')
      .set('authorization', `Bearer ${agentToken}`);
    assert.equal(markdown.status, 403);
    assert.equal((markdown.body as { code?: string }).code, 'FORBIDDEN');

    const subscriptions = bySprint(schema.data?.__schema.subscriptionType.fields);
    assert.equal(subscriptions.length, 2);
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${agentToken}` },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      for (const field of subscriptions) {
        const iterator = client.iterate({ query: documentFor('subscription', field, 'sprint-b') });
        const refusal = await iterator.next().then(
          (result) => JSON.stringify(result.value),
          (error: unknown) => JSON.stringify(error),
        );
        assert.match(refusal, /FORBIDDEN/, `${field.name} of another sprint`);
        await iterator.return?.();
      }
    } finally {
      await client.dispose();
    }
  });

  it('answers readyTasks for an agent token’s own agent, and asks any other token to name one', async () => {
    const query =
      '{ readyTasks(sprintId: "sprint-4") { totalCount nodes { task { id assignees } } } }';
    type Ready = { readyTasks: { nodes: { task: { assignees: string[] } }[] } | null };
    const own = await app.as(agentToken).graphql<Ready>(query);
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    const nodes = own.data?.readyTasks?.nodes ?? [];
    assert.ok(nodes.length > 0);
    assert.ok(nodes.every(({ task }) => task.assignees.includes('python-pro')));
    for (const token of [viewerToken, null]) {
      const body = await (token === null ? app : app.as(token)).graphql<Ready>(query);
      assert.equal(body.data?.readyTasks ?? null, null);
      assert.deepEqual(
        [codeOf(body), body.errors?.[0]?.extensions?.field],
        ['VALIDATION_FAILED', 'agent'],
        'a coordinator’s or a viewer’s token acts as no agent',
      );
    }
  });

  it('issues tokens only for sprints and agents that exist, and for at most 100 sprints', async () => {
    const refusal = async (input: Record<string, unknown>) => {
      const body = await issue({ name: 'x', ...input });
      return { code: codeOf(body), field: body.errors?.[0]?.extensions?.field ?? null };
    };
    assert.deepEqual(
      await refusal({ role: 'AGENT', kind: 'AGENT', agent: 'nobody', sprints: ['sprint-4'] }),
      { code: 'NOT_FOUND', field: 'agent' },
    );
    assert.deepEqual(
      await refusal({
        role: 'AGENT',
        kind: 'AGENT',
        agent: 'python-pro',
        sprints: ['sprint-4', 'no-such'],
      }),
      { code: 'NOT_FOUND', field: 'sprints[1]' },
    );
    assert.deepEqual(
      await refusal({ role: 'AGENT', kind: 'AGENT', agent: 'python-pro', sprints: ['sprint-b'] }),
      { code: 'NOT_FOUND', field: 'agent' },
    );
    const many = Array.from({ length: 10_000 }, (_, index) => `sprint-${index}`);
    assert.deepEqual(
      await refusal({ role: 'AGENT', kind: 'AGENT', agent: 'python-pro', sprints: many }),
      { code: 'VALIDATION_FAILED', field: 'sprints' },
    );
    assert.deepEqual(await refusal({ role: 'VIEWER', agent: 'python-pro' }), {
      code: 'VALIDATION_FAILED',
      field: 'agent',
    });
  });

  it('binds an idempotency key to its principal and its input', async () => {
    const key = 'ready-python-pro';
    const first = await app.as(agentToken).mutate('declareAgentReady', {
      sprintId: 'sprint-4',
      agent: 'python-pro',
      idempotencyKey: key,
    });
    assert.deepEqual(first.userErrors, []);
    const before = await countEvents(db.pool);
    const viewer = await app.as(viewerToken).mutate('declareAgentReady', {
      sprintId: 'sprint-4',
      agent: 'python-pro',
      idempotencyKey: key,
    });
    assert.equal(viewer.replayed, false);
    assert.equal(viewer.userErrors[0]?.code, 'IDEMPOTENCY_KEY_REUSED');
    const other = await app.as(qaToken).mutate('declareAgentReady', {
      sprintId: 'sprint-4',
      agent: 'qa-engineer',
      idempotencyKey: key,
    });
    assert.equal(other.userErrors[0]?.code, 'IDEMPOTENCY_KEY_REUSED');
    const otherInput = await app.as(agentToken).mutate('logHours', {
      sprintId: 'sprint-4',
      taskId: '1.1',
      agent: 'python-pro',
      hours: 1,
      idempotencyKey: key,
    });
    assert.equal(otherInput.userErrors[0]?.code, 'IDEMPOTENCY_KEY_REUSED');
    const retry = await app.as(agentToken).mutate('declareAgentReady', {
      sprintId: 'sprint-4',
      agent: 'python-pro',
      idempotencyKey: key,
    });
    assert.equal(retry.replayed, true);
    assert.deepEqual(retry.events, first.events);
    assert.equal(await countEvents(db.pool), before, 'no call after the first recorded anything');
  });

  it('records N concurrent retries of one new key once and replays the rest', async () => {
    const before = await countEvents(db.pool);
    const input = {
      sprintId: 'sprint-4',
      severity: 'P3',
      title: 'retried report',
      idempotencyKey: 'report-once',
    };
    const results = await Promise.all(
      Array.from({ length: 12 }, () => app.as(qaToken).mutate('reportIssue', input)),
    );
    assert.deepEqual(
      results.flatMap((result) => result.userErrors),
      [],
      'no retry was refused, none failed',
    );
    assert.equal(results.filter((result) => !result.replayed).length, 1);
    assert.equal(results.filter((result) => result.replayed).length, 11);
    assert.equal(await countEvents(db.pool), before + 1);
  });

  it('lets the assignee work an issue and its reporter validate or reopen the fix', async () => {
    const reported = await app.as(qaToken).mutate<{
      issue: { id: string; reportedBy: string | null };
      userErrors: { code: string }[];
    }>('reportIssue', { sprintId: 'sprint-4', severity: 'P2', title: 'retry storm', assignee: 'python-pro' }, 'issue { id reportedBy }');
    assert.deepEqual(reported.userErrors, []);
    assert.equal(reported.issue.reportedBy, 'qa-engineer');
    const issueId = reported.issue.id;
    const move = (token: string | null, to: string) =>
      (token === null ? app : app.as(token)).mutate('moveIssue', {
        sprintId: 'sprint-4',
        issueId,
        to,
      });
    assert.equal((await move(qaToken, 'IN_PROGRESS')).userErrors[0]?.code, 'FORBIDDEN');
    assert.deepEqual((await move(agentToken, 'IN_PROGRESS')).userErrors, []);
    assert.deepEqual((await move(agentToken, 'FIXED')).userErrors, []);
    assert.equal((await move(agentToken, 'VALIDATED')).userErrors[0]?.code, 'FORBIDDEN');
    assert.deepEqual((await move(qaToken, 'OPEN')).userErrors, [], 'the reporter reopens');
    assert.deepEqual((await move(agentToken, 'IN_PROGRESS')).userErrors, []);
    assert.deepEqual((await move(agentToken, 'FIXED')).userErrors, []);
    assert.deepEqual((await move(qaToken, 'VALIDATED')).userErrors, [], 'the reporter validates');
    assert.equal((await move(qaToken, 'CLOSED')).userErrors[0]?.code, 'FORBIDDEN');
    assert.deepEqual((await move(null, 'CLOSED')).userErrors, [], 'the coordinator closes');
  });
});
