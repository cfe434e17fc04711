import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Clock } from '../src/common/clock.js';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { SprintTimers } from '../src/sprints/timing/sprint-timers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig, uniqueName } from './support/environment.js';
import { readTopic } from './support/kafka.js';
import { readModelContents } from './support/read-models.js';

const sprintId = 'sprint-4';
const minute = 60_000;

interface Ready {
  readyTasks: { nodes: { task: { id: string }; slackHours: number; critical: boolean }[] } | null;
}

/**
 * Three agents of the demo sprint work on leases; python-pro goes silent. Time moves by the
 * service's own Clock, set by the test: nothing sleeps for a lease to run out.
 */
describe('agents on leases, over the API, with time moved by the clock', () => {
  let db: TestDatabase;
  let app: TestApp;
  let timers: SprintTimers;
  const topic = uniqueName('lease-events');
  const start = Date.parse('2026-12-02T09:00:00.000Z');
  let time = start;
  const at = (minutes: number) => {
    time = start + minutes * minute;
  };
  const ready = async (agent: string) => {
    const body = await app.graphql<Ready>(
      `query ($agent: String!) { readyTasks(sprintId: "${sprintId}", agent: $agent, first: 100) { nodes {
        task { id } slackHours critical } } }`,
      { agent },
    );
    assert.ok(body.data?.readyTasks, JSON.stringify(body.errors));
    return body.data.readyTasks.nodes.map(({ task }) => task.id);
  };
  const lease = (taskId: string, agent: string, kind = 'claimTask', extra = {}) =>
    app.mutate(kind, { sprintId, taskId, agent, ...extra }, 'task { lease { agent expiresAt } }');

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { KAFKA_TOPIC: topic, TIMERS_ENABLED: 'false' }));
    app.app.get(Clock).now = () => new Date(time);
    timers = app.app.get(SprintTimers);
    await app.importDemoSprint();
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('hands each agent its ready tasks, most urgent first, and lets exactly one claim a task', async () => {
    assert.deepEqual(await ready('python-pro'), ['1.1']);
    assert.deepEqual(await ready('devops-engineer'), ['2.1']);
    assert.deepEqual(await ready('qa-engineer'), [], 'its tasks wait for phases 1 and 2');
    const claims = await Promise.all([lease('1.1', 'python-pro'), lease('1.1', 'python-pro')]);
    assert.equal(
      claims.filter((claim) => claim.userErrors.length === 0).length,
      2,
      'a holder re-claims',
    );
    const claimed = await lease('2.1', 'devops-engineer');
    assert.deepEqual(claimed.userErrors, []);
    assert.deepEqual(
      claimed.events.map(({ type }) => type),
      ['TaskStarted', 'TaskClaimed', 'PhaseStatusChanged', 'AgentStatusChanged'],
    );
    const held = await lease('2.1', 'qa-engineer');
    assert.equal(held.userErrors[0]?.code, 'ALREADY_CLAIMED');
    assert.deepEqual(held.events, []);
    const notTheirs = await lease('7.1', 'python-pro');
    assert.equal(notTheirs.userErrors[0]?.code, 'VALIDATION_FAILED');
    assert.equal(notTheirs.userErrors[0].field, 'agent');
    assert.deepEqual(await ready('python-pro'), [], 'its one ready task is held');
  });

  it('keeps heartbeats cheap: nothing recorded in a lease’s first half, a renewal after', async () => {
    at(2);
    // Not a write: the sprint's overview row is the same row version (xmin) after it.
    const rowVersion = async () =>
      (
        await db.pool.query<{ xmin: string }>(
          `SELECT xmin::text FROM sprint_overview WHERE sprint_id = $1`,
          [sprintId],
        )
      ).rows[0]?.xmin;
    const before = await rowVersion();
    const early = await lease('2.1', 'devops-engineer', 'heartbeat');
    assert.deepEqual(early.userErrors, []);
    assert.deepEqual(early.events, []);
    assert.equal(await rowVersion(), before);
    at(3);
    const renewed = await lease('2.1', 'devops-engineer', 'heartbeat', { note: 'deploying' });
    assert.deepEqual(
      renewed.events.map(({ type }) => type),
      ['TaskLeaseRenewed'],
    );
  });

  it('records a silent agent’s expiry once, as SYSTEM, and the task goes to another agent', async () => {
    at(4);
    assert.equal(await timers.runDue(), 0, 'nothing is due yet');
    at(6);
    assert.ok((await timers.runDue()) >= 1);
    assert.equal(await timers.runDue(), 0, 'an expiry is recorded once');
    const history = await app.graphql<{
      history: { nodes: { type: string; actorKind: string; taskId: string }[] };
    }>(
      `{ history(sprintId: "${sprintId}", type: TaskLeaseExpired) { nodes { type actorKind taskId } } }`,
    );
    assert.deepEqual(history.data?.history.nodes, [
      { type: 'TaskLeaseExpired', actorKind: 'SYSTEM', taskId: '1.1' },
    ]);
    const sprint = await app.graphql<{
      sprint: {
        agents: { name: string; unresponsiveSince: string | null }[];
        tasks: { id: string; status: string; leaseExpiries: number }[];
      };
    }>(
      `{ sprint(id: "${sprintId}") { agents { name unresponsiveSince } tasks { id status leaseExpiries } } }`,
    );
    const silent = sprint.data?.sprint.agents.find((agent) => agent.name === 'python-pro');
    assert.equal(silent?.unresponsiveSince, new Date(start + 5 * minute).toISOString());
    assert.deepEqual(
      sprint.data?.sprint.tasks.find((task) => task.id === '1.1'),
      { id: '1.1', status: 'NOT_STARTED', leaseExpiries: 1 },
    );
    assert.deepEqual(await ready('qa-engineer'), ['1.1'], 'back in the queue, for anyone');
    at(7);
    // Two agents go for it at once: exactly one wins.
    const [taken, lost] = await Promise.all([
      lease('1.1', 'qa-engineer'),
      lease('1.1', 'devops-engineer'),
    ]);
    assert.deepEqual(taken.userErrors, []);
    assert.equal(lost.userErrors[0]?.code, 'ALREADY_CLAIMED');
    assert.deepEqual(lost.events, []);
    assert.deepEqual(taken.task, {
      lease: { agent: 'qa-engineer', expiresAt: new Date(start + 12 * minute).toISOString() },
    });
    assert.deepEqual((await lease('2.1', 'devops-engineer', 'heartbeat')).userErrors, []);
    const late = await lease('1.1', 'python-pro', 'heartbeat');
    assert.equal(late.userErrors[0]?.code, 'LEASE_LOST');
  });

  it('escalates a P1 left alone to the blocked agent’s backup on time', async () => {
    at(8);
    const raised = await app.mutate('raiseBlocker', {
      sprintId,
      severity: 'P1',
      agent: 'devops-engineer',
      taskId: '2.1',
      description: 'the registry refuses the image',
    });
    assert.deepEqual(raised.userErrors, []);
    // Keep the leases alive meanwhile, as working agents do.
    for (let minutes = 11; minutes <= 68; minutes += 3) {
      at(minutes);
      for (const [taskId, agent] of [
        ['2.1', 'devops-engineer'],
        ['1.1', 'qa-engineer'],
      ] as const) {
        assert.deepEqual((await lease(taskId, agent, 'heartbeat')).userErrors, []);
      }
      await timers.runDue();
    }
    const escalated = await app.graphql<{
      sprint: {
        blockers: { nodes: { id: string; escalations: number; escalatedTo: string | null }[] };
      };
    }>(`{ sprint(id: "${sprintId}") { blockers { nodes { id escalations escalatedTo } } } }`);
    assert.deepEqual(escalated.data?.sprint.blockers.nodes, [
      { id: 'B-1', escalations: 1, escalatedTo: 'kubernetes-spec' },
    ]);
    const history = await app.graphql<{ history: { nodes: { at: string; actorKind: string }[] } }>(
      `{ history(sprintId: "${sprintId}", type: BlockerEscalated) { nodes { at actorKind } } }`,
    );
    const [entry] = history.data?.history.nodes ?? [];
    // Raised at minute 8, a P1 off the critical path answers within 60 minutes: due at 68.
    assert.deepEqual(entry, {
      at: new Date(start + 68 * minute).toISOString(),
      actorKind: 'SYSTEM',
    });
  });

  it('shows the clocks and the forecast on the dashboard’s Markdown', async () => {
    const markdown = await app.graphql<{ dashboardMarkdown: string }>(
      `{ dashboardMarkdown(sprintId: "${sprintId}") }`,
    );
    const text = markdown.data?.dashboardMarkdown ?? '';
    // Slow, not dead: devops-engineer beats on past 2.1's hour and keeps it.
    assert.match(
      text,
      /2\.1 Deploy Temporal .* held by devops-engineer until .* \(slow: held past its estimate/,
    );
    assert.match(text, /1\.1 Design Test Workflow .* held by qa-engineer until .*/);
    assert.match(text, /B-1: escalated to kubernetes-spec; goes to User \(gerald\) at/);
    assert.match(text, /\*\*Forecast\*\*: P50 .* left\), P90 .* left\); no task finished yet/);
    const forecast = await app.graphql<{
      forecast: { finishP50: string | null; remainingHoursP50: number; drivers: string[] };
    }>(`{ forecast(sprintId: "${sprintId}") { finishP50 remainingHoursP50 drivers } }`);
    assert.ok(forecast.data?.forecast.finishP50, JSON.stringify(forecast.errors));
    assert.ok(forecast.data.forecast.remainingHoursP50 >= 14 - 1, 'the plan’s critical path, left');
    assert.ok(forecast.data.forecast.drivers.length > 0);
  });

  it('publishes every clock event to Kafka, and rebuilds the read models to the same content', async () => {
    const types = ['TaskClaimed', 'TaskLeaseRenewed', 'TaskLeaseExpired', 'BlockerEscalated'];
    const messages = await readTopic(topic, (seen) =>
      types.every((type) => seen.some((message) => message.value.type === type)),
    );
    assert.equal(messages.filter((message) => message.value.type === 'TaskLeaseExpired').length, 1);
    const before = await readModelContents(db.pool);
    await rebuildReadModels(db.pool);
    assert.deepEqual(await readModelContents(db.pool), before);
  });
});
