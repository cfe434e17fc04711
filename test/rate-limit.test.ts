import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';

interface Cost {
  requestedQueryCost: number;
  maximumCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

const sprintsQuery = '{ sprints(first: 10) { nodes { id name status } } }';

describe('extensions.cost and the per-token rate limit', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;

  const post = (bearer: string, query: string, variables?: Record<string, unknown>) =>
    request(app.url)
      .post('/graphql')
      .set('authorization', `Bearer ${bearer}`)
      .send({ query, variables });

  before(async () => {
    db = await createTestDatabase();
    // A bucket of 200 points refilled at 50 a second: a query of 41 points, five in a row.
    const config = testConfig(db.url, {
      RELAY_ENABLED: 'false',
      REACTIONS_ENABLED: 'false',
      TIMERS_ENABLED: 'false',
      GRAPHQL_MAX_COST: '200',
      RATE_LIMIT_CAPACITY: '200',
      RATE_LIMIT_RESTORE_RATE: '50',
    });
    app = await startTestApp(config);
    token = config.coordinatorToken ?? '';
    await app.importDemoSprint();
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('says on every answer what the operation cost, the limit, and what is left', async () => {
    const answer = await post(token, sprintsQuery);
    assert.equal(answer.status, 200);
    const cost = (answer.body as { extensions: { cost: Cost } }).extensions.cost;
    // sprints 1 + 10 items × (nodes 1 + id, name, status 3) = 41
    assert.equal(cost.requestedQueryCost, 41);
    assert.equal(cost.maximumCost, 200);
    assert.equal(cost.throttleStatus.maximumAvailable, 200);
    assert.equal(cost.throttleStatus.restoreRate, 50);
    assert.ok(cost.throttleStatus.currentlyAvailable <= 200 - 41 + 50);

    // A document refused before it runs costs nothing, and says so.
    for (const query of ['{ sprints { nodes { nothing } } }', '{ sprints(']) {
      const refused = await post(token, query);
      const said = (refused.body as { extensions?: { cost: Cost } }).extensions?.cost;
      assert.equal(said?.requestedQueryCost, 0, query);
      assert.equal(said.throttleStatus.maximumAvailable, 200);
    }
  });

  it('refuses a token past its budget with RATE_LIMITED and a retry hint, running nothing', async () => {
    const before = await app.graphql<{ sprint: { version: number } }>(
      '{ sprint(id: "sprint-4") { version } }',
    );
    const version = before.data?.sprint.version ?? -1;
    const mutation = `mutation ($input: RaiseBlockerInput!) {
      raiseBlocker(input: $input) {
        userErrors { code }
        sprint { blockers(first: 30) { nodes { id severity } } }
      }
    }`;
    const input = {
      sprintId: 'sprint-4',
      agent: 'python-pro',
      severity: 'P3',
      description: 'over budget?',
    };
    let refused: request.Response | undefined;
    for (let call = 0; call < 40 && !refused; call += 1) {
      const answer = await post(token, sprintsQuery);
      if (answer.status === 429) refused = answer;
    }
    assert.ok(refused, 'the budget runs out');
    const blocked = await post(token, mutation, { input });
    assert.equal(blocked.status, 429, JSON.stringify(blocked.body));
    const body = blocked.body as {
      data: null;
      errors: { extensions: { code: string; retryAfterSeconds: number } }[];
      extensions: { cost: Cost };
    };
    assert.equal(body.data, null);
    const [error] = body.errors;
    assert.ok(error);
    assert.equal(error.extensions.code, 'RATE_LIMITED');
    const retry = error.extensions.retryAfterSeconds;
    assert.ok(retry >= 1 && retry <= 5, `retry in ${retry} s`);
    assert.equal(blocked.headers['retry-after'], String(retry));
    assert.ok(
      body.extensions.cost.throttleStatus.currentlyAvailable <
        body.extensions.cost.requestedQueryCost,
    );

    // Another token has its own bucket.
    const viewer = await app.graphql<{ issueApiToken: { token: string } }>(
      'mutation { issueApiToken(input: { name: "viewer", role: VIEWER }) { token } }',
    );
    const other = await post(viewer.data?.issueApiToken.token ?? '', sprintsQuery);
    assert.equal(other.status, 200);

    // The refused mutation recorded nothing; after the wait, the token is served again.
    await new Promise((resolve) => setTimeout(resolve, retry * 1000));
    const served = await post(token, mutation, { input });
    assert.equal(served.status, 200, JSON.stringify(served.body));
    const after = await app.graphql<{ sprint: { version: number } }>(
      '{ sprint(id: "sprint-4") { version } }',
    );
    assert.equal(after.data?.sprint.version, version + 1, 'only the served mutation recorded');
  });
});
