import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { readStream } from '../src/event-store/event-store.js';
import { startTestApp, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, testConfig } from './support/environment.js';
import request from 'supertest';

interface Issued {
  issueApiToken: { token: string; principal: { id: string; name: string; role: string } };
}

describe('identity and access over /graphql', () => {
  let db: TestDatabase;
  let app: TestApp;
  let agentToken = '';
  let agentId = '';
  let viewerToken = '';

  const issue = async (input: Record<string, unknown>, as = app) => {
    const body = await as.graphql<Issued>(
      `mutation ($input: IssueApiTokenInput!) {
        issueApiToken(input: $input) { token principal { id name role } }
      }`,
      { input },
    );
    return body;
  };
  const codes = (body: { errors?: { extensions?: { code?: string } }[] }) =>
    body.errors?.map((error) => error.extensions?.code);

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    await app.importDemoSprint();
    const agent = await issue({
      name: 'python-pro-bot',
      // No kind given: an AGENT token is held by an agent unless it says otherwise.
      role: 'AGENT',
      agent: 'python-pro',
      sprints: ['sprint-4'],
    });
    assert.ok(agent.data, JSON.stringify(agent.errors));
    agentToken = agent.data.issueApiToken.token;
    agentId = agent.data.issueApiToken.principal.id;
    const viewer = await issue({ name: 'dashboard-screen', role: 'VIEWER' });
    viewerToken = viewer.data?.issueApiToken.token ?? '';
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('refuses no token and a forged token with UNAUTHENTICATED, recording nothing', async () => {
    const before = await countEvents(db.pool);
    for (const client of [app.as(null), app.as('slt_forged-token-that-was-never-issued')]) {
      assert.deepEqual(codes(await client.graphql('{ sprints { nodes { id } } }')), [
        'UNAUTHENTICATED',
      ]);
      const mutation = await client.graphql(
        'mutation { startTask(input: { sprintId: "sprint-4", taskId: "1.1", agent: "python-pro" }) { events { type } } }',
      );
      assert.deepEqual(codes(mutation), ['UNAUTHENTICATED']);
    }
    assert.equal(await countEvents(db.pool), before);
  });

  it('lets an agent work on its own task, and names it in the events', async () => {
    const agent = app.as(agentToken);
    const me = await agent.graphql<{
      me: { name: string; role: string; kind: string; agent: string };
    }>('{ me { name role kind agent } }');
    assert.deepEqual(me.data?.me, {
      name: 'python-pro-bot',
      role: 'AGENT',
      kind: 'AGENT',
      agent: 'python-pro',
    });

    const started = await agent.mutate('startTask', {
      sprintId: 'sprint-4',
      taskId: '1.1',
      agent: 'python-pro',
    });
    assert.deepEqual(started.userErrors, []);
    const events = await readStream(db.pool, 'sprint-4');
    const recorded = events.filter((event) =>
      started.events.some((ref) => ref.eventId === event.eventId),
    );
    assert.ok(recorded.length > 0);
    for (const event of recorded) {
      // The agent acted, not the token's label.
      assert.equal(event.metadata.actor, 'python-pro');
      assert.equal(event.metadata.actorKind, 'AGENT');
      assert.equal(event.metadata.principalId, agentId);
    }
    const plan = events[0];
    assert.equal(plan?.metadata.actor, 'bootstrap-coordinator');
  });

  it('correlates events by a UUID per request, or by the trace id of the caller’s traceparent', async () => {
    const logged = async (traceparent?: string) => {
      const call = request(app.url).post('/graphql').set('authorization', `Bearer ${agentToken}`);
      if (traceparent) void call.set('traceparent', traceparent);
      const response = await call.send({
        query: `mutation { logHours(input: { sprintId: "sprint-4", taskId: "1.1", agent: "python-pro", hours: 0.25 }) { events { eventId } } }`,
      });
      const body = response.body as { data: { logHours: { events: { eventId: string }[] } } };
      const [ref] = body.data.logHours.events;
      const stored = (await readStream(db.pool, 'sprint-4')).find(
        (event) => event.eventId === ref?.eventId,
      );
      return stored?.metadata.correlationId;
    };
    const [first, second] = [await logged(), await logged()];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    assert.match(first ?? '', uuid);
    assert.match(second ?? '', uuid);
    assert.notEqual(first, second);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    assert.equal(await logged(`00-${traceId}-00f067aa0ba902b7-01`), traceId);
    assert.match((await logged('not a traceparent')) ?? '', uuid, 'a malformed one is ignored');
  });

  it('refuses an agent acting on another agent’s task or speaking as another, recording nothing', async () => {
    const agent = app.as(agentToken);
    const before = await countEvents(db.pool);
    const refusals = [
      await agent.mutate('startTask', {
        sprintId: 'sprint-4',
        taskId: '2.1',
        agent: 'devops-engineer',
      }),
      await agent.mutate('logCommunication', {
        sprintId: 'sprint-4',
        from: 'qa-engineer',
        subject: 'hi',
        body: 'as someone else',
        type: 'NOTIFICATION',
      }),
      await agent.mutate('importSprintPlan', { plan: 'key: x' }),
      await agent.mutate('completeSprint', { sprintId: 'sprint-4' }),
    ];
    assert.deepEqual(
      refusals.map((result) => [result.userErrors[0]?.code, result.userErrors[0]?.field]),
      [
        ['FORBIDDEN', 'agent'],
        ['FORBIDDEN', 'from'],
        ['FORBIDDEN', 'input'],
        ['FORBIDDEN', 'input'],
      ],
    );
    assert.equal(await countEvents(db.pool), before);
    for (const client of [agent, app.as(viewerToken)]) {
      assert.deepEqual(codes(await issue({ name: 'sneaky', role: 'COORDINATOR' }, client)), [
        'FORBIDDEN',
      ]);
      const revoke = await client.graphql(
        `mutation { revokeApiToken(input: { id: "${agentId}" }) { id } }`,
      );
      assert.deepEqual(codes(revoke), ['FORBIDDEN']);
    }
  });

  it('lets a viewer read and nothing more', async () => {
    const viewer = app.as(viewerToken);
    const read = await viewer.graphql<{ dashboard: { overview: { taskCount: number } } }>(
      '{ dashboard(sprintId: "sprint-4") { overview { taskCount } } }',
    );
    assert.equal(read.data?.dashboard.overview.taskCount, 23);
    const write = await viewer.mutate('reportIssue', {
      sprintId: 'sprint-4',
      severity: 'P3',
      title: 'x',
    });
    assert.equal(write.userErrors[0]?.code, 'FORBIDDEN');
  });

  it('stops a revoked token at once', async () => {
    const revoked = await app.graphql<{ revokeApiToken: { revokedAt: string | null } }>(
      `mutation { revokeApiToken(input: { id: "${agentId}" }) { revokedAt } }`,
    );
    assert.ok(revoked.data?.revokeApiToken.revokedAt);
    assert.deepEqual(codes(await app.as(agentToken).graphql('{ me { name } }')), [
      'UNAUTHENTICATED',
    ]);
  });

  it('stores tokens only as hashes', async () => {
    const stored = await db.pool.query<{ row: string; token_hash: string; name: string }>(
      'SELECT row_to_json(t)::text AS row, token_hash, name FROM api_tokens t',
    );
    assert.equal(stored.rows.length, 3);
    const everything = stored.rows.map((row) => row.row).join('\n');
    for (const token of [coordinatorToken, agentToken, viewerToken]) {
      assert.ok(!everything.includes(token), 'no token in plain text');
    }
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.deepEqual(
      stored.rows.map((row) => row.token_hash).sort(),
      [coordinatorToken, agentToken, viewerToken].map(sha256).sort(),
    );
  });
});
