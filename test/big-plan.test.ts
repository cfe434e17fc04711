import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { maxPlanTasks } from '../src/sprints/plan/plan-document.js';
import { bigPlan } from './builders/big-plan.builder.js';
import { startTestApp, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, testConfig } from './support/environment.js';

const importPlan = `mutation ($input: ImportSprintPlanInput!) {
  importSprintPlan(input: $input) { sprint { id } userErrors { code field message } } }`;

interface Imported {
  importSprintPlan: {
    sprint: { id: string } | null;
    userErrors: { code: string; field: string }[];
  };
}

/** The longest chain of a phase of the big plan: chains of ten, task t taking 1 + t mod 4 h. */
function longestChainHours(tasksPerPhase: number): number {
  let longest = 0;
  for (let first = 0; first < tasksPerPhase; first += 10) {
    let hours = 0;
    for (let t = first; t < Math.min(first + 10, tasksPerPhase); t += 1) hours += 1 + (t % 4);
    longest = Math.max(longest, hours);
  }
  return longest;
}

describe(`a plan of ${maxPlanTasks} tasks over HTTP`, () => {
  let db: TestDatabase;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('imports, and answers its dashboard, critical path and markdown', async () => {
    const plan = bigPlan('ten-thousand', 20, 500);
    const imported = await app.graphql<Imported>(importPlan, {
      input: { plan: JSON.stringify(plan) },
    });
    assert.deepEqual(imported.data?.importSprintPlan.userErrors, [], JSON.stringify(imported));
    const view = await app.graphql<{
      dashboard: {
        overview: { taskCount: number };
        criticalPath: { totalHours: number; chains: string[][] };
      };
    }>(
      `query { dashboard(sprintId: "ten-thousand") {
        overview { taskCount } criticalPath { totalHours chains } } }`,
    );
    assert.equal(view.errors, undefined, JSON.stringify(view.errors));
    const dashboard = view.data?.dashboard;
    assert.ok(dashboard);
    assert.equal(dashboard.overview.taskCount, maxPlanTasks);
    // Every phase waits for the one before: the path is the sum of each phase's longest chain.
    assert.equal(dashboard.criticalPath.totalHours, 20 * longestChainHours(500));
    const chain = dashboard.criticalPath.chains[0] ?? [];
    assert.equal(chain.length, 20 * 10);
    assert.equal(chain[0], '1.11');
    const markdown = await request(app.url)
      .get('/sprints/ten-thousand/dashboard.md')
      .set('authorization', `Bearer ${coordinatorToken}`);
    assert.equal(markdown.status, 200);
    assert.match(markdown.text, /20\.500/);
    // The agents' queue and the forecast walk the same 10,000-task graph. The first task of
    // each chain of phase 1 is agent-1's and needs nothing: 50 of them, the critical one first.
    const clocks = await app.graphql<{
      first: { totalCount: number; nodes: { task: { id: string } }[] };
      second: { totalCount: number; nodes: { task: { id: string } }[] };
      forecast: { remainingHoursP50: number; drivers: string[] };
    }>(`{ first: readyTasks(sprintId: "ten-thousand", agent: "agent-1", first: 100) {
          totalCount nodes { task { id } } }
        second: readyTasks(sprintId: "ten-thousand", agent: "agent-2") { totalCount nodes { task { id } } }
        forecast(sprintId: "ten-thousand") { remainingHoursP50 drivers } }`);
    assert.ok(clocks.data, JSON.stringify(clocks.errors));
    assert.equal(clocks.data.first.totalCount, 50);
    assert.equal(clocks.data.first.nodes.length, 50);
    assert.equal(clocks.data.first.nodes[0]?.task.id, '1.11');
    assert.deepEqual(clocks.data.second, { totalCount: 0, nodes: [] });
    assert.equal(clocks.data.forecast.remainingHoursP50, 20 * longestChainHours(500));
    assert.equal(clocks.data.forecast.drivers.length, 20 * 10);
  });

  it('refuses one task more with VALIDATION_FAILED naming the limit, recording nothing', async () => {
    const before = await countEvents(db.pool);
    const refused = await app.graphql<Imported>(importPlan, {
      input: { plan: JSON.stringify(bigPlan('too-big', 21, 477)) },
    });
    assert.deepEqual(
      refused.data?.importSprintPlan.userErrors.map(({ code, field }) => ({ code, field })),
      [{ code: 'VALIDATION_FAILED', field: 'plan.phases' }],
    );
    assert.equal(await countEvents(db.pool), before);
  });
});
