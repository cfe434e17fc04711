import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { buildDashboard } from '../src/dashboard/dashboard.js';
import { buildSprintKpis } from '../src/dashboard/sprint-kpis.js';
import { readStream } from '../src/event-store/event-store.js';
import { loadSprintRows } from '../src/read-models/sprint-rows.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot, testConfig } from './support/environment.js';
import { deduplicate, readTopic } from './support/kafka.js';
import { startTestApp, type MutationResult, type TestApp } from './support/app.js';
import { mutationOf, sprint4Ends, sprint4Play } from './builders/sprint-4-play.js';
import { sprint4Reference } from './builders/sprint-4-reference.js';
import { sprintQuery, type SprintView } from './support/sprint-view.js';

const sprintId = 'sprint-4';

describe('a full sprint over /graphql, recorded in Postgres and published to Kafka', () => {
  let db: TestDatabase;
  let app: TestApp;
  const config = () => testConfig(db.url);
  let topic = '';

  before(async () => {
    db = await createTestDatabase();
    const appConfig = config();
    topic = appConfig.kafka.topic;
    app = await startTestApp(appConfig);
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  const sprint = async () => {
    const body = await app.graphql<{ sprint: SprintView }>(sprintQuery, { id: sprintId });
    assert.ok(body.data, JSON.stringify(body.errors));
    return body.data.sprint;
  };
  const accepted = async (name: string, input: Record<string, unknown>, selection = '') => {
    const result = await app.mutate(name, { sprintId, ...input }, selection);
    assert.deepEqual(result.userErrors, [], `${name} ${JSON.stringify(input)}`);
    assert.ok(result.events.length > 0);
    return result;
  };
  /** A refused mutation answers with a userError and records nothing. */
  const refused = async (
    name: string,
    input: Record<string, unknown>,
    code: string,
    field: string,
  ) => {
    const before = await countEvents(db.pool);
    const result: MutationResult = await app.mutate(name, { sprintId, ...input });
    assert.equal(result.userErrors.length, 1, `${name} should be refused`);
    const [error] = result.userErrors;
    assert.ok(error);
    assert.equal(error.code, code, error.message);
    assert.equal(error.field, field);
    assert.deepEqual(result.events, []);
    assert.equal(await countEvents(db.pool), before, 'a refused mutation records nothing');
    return error;
  };

  it('imports the Sprint 4 plan and reads back everything in the reference', async () => {
    const plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const result = await app.mutate('importSprintPlan', { plan });
    assert.deepEqual(result.userErrors, []);
    assert.deepEqual(
      result.events.map((event) => event.type),
      ['SprintPlanned'],
    );

    const view = await sprint();
    assert.equal(view.status, 'PLANNED');
    assert.deepEqual(
      view.agents.map(({ name, role, backup, status }) => [name, role, backup, status]),
      sprint4Reference.agents,
    );
    assert.ok(view.agents.every((agent) => agent.criticalDependencies.length === 4));
    assert.deepEqual(
      view.phases.map((phase) => [
        phase.number,
        phase.name,
        `${phase.estimateHours.min}-${phase.estimateHours.max}h`,
        phase.dependsOn.join(','),
        phase.criticalPath,
      ]),
      sprint4Reference.phases,
    );
    assert.equal(view.phases[4]?.riskLevel, 'HIGH');
    assert.deepEqual(
      view.tasks.map((task) => `${task.id}:${task.estimateHours}:${task.assignees.join('+')}`),
      sprint4Reference.tasks,
    );
    const tasksOf = (agent: string) =>
      view.tasks.filter((task) => task.assignees.includes(agent)).length;
    assert.deepEqual(
      [tasksOf('devops-engineer'), tasksOf('python-pro'), tasksOf('qa-engineer')],
      [11, 6, 7],
    );
    assert.equal(view.deliverables.length, 12);
    assert.deepEqual(
      ['CODE', 'DOCUMENTATION', 'VALIDATION'].map(
        (category) =>
          view.deliverables.filter((deliverable) => deliverable.category === category).length,
      ),
      [5, 3, 4],
    );
    assert.deepEqual(
      view.checkpoints.map((checkpoint) => [
        checkpoint.name,
        checkpoint.phase,
        `${checkpoint.hourWindow.from}-${checkpoint.hourWindow.to}`,
        checkpoint.status,
      ]),
      sprint4Reference.checkpoints,
    );
    assert.deepEqual(
      view.risks.map((risk) => [risk.category, risk.severity, risk.status, risk.mitigation]),
      sprint4Reference.risks,
    );

    const again = await app.mutate('importSprintPlan', { plan });
    assert.deepEqual(
      again.userErrors.map((error) => [error.code, error.field]),
      [['ALREADY_EXISTS', 'plan.key']],
    );
  });

  it('plays the sprint by its rules over the wire: each refusal a userError that records nothing', async () => {
    for (const step of sprint4Play) {
      const { name, input } = mutationOf(step.command);
      if (step.refused) {
        await refused(name, input, step.refused.code, step.refused.field);
        continue;
      }
      const result = await accepted(name, input, step.payload?.selection);
      for (const [entity, shows] of Object.entries(step.payload?.shows ?? {})) {
        assert.deepEqual(result[entity], shows, `${name} shows its ${entity}`);
      }
    }

    const view = await sprint();
    assert.deepEqual(
      view.phases.map((phase) => phase.status),
      sprint4Ends.phases,
    );
    assert.deepEqual(
      view.checkpoints.map((checkpoint) => checkpoint.status),
      sprint4Ends.checkpoints,
    );
    assert.deepEqual(view.issues.nodes, [{ id: 'I-1', status: 'CLOSED' }]);
    assert.ok(view.blockers.nodes.every((blocker) => blocker.status === 'RESOLVED'));
    assert.deepEqual(
      view.communications.nodes.map((message) => [message.type, message.answer?.by ?? null]),
      [
        ['REQUEST', 'python-pro'],
        ['QUESTION', 'devops-engineer'],
        ['NOTIFICATION', null],
        ['BLOCKER', null],
      ],
    );
    assert.equal(view.deliverables.filter((deliverable) => deliverable.done).length, 5);
    assert.equal(view.tasks.find((task) => task.id === '2.1')?.actualHours, 1.5);
    assert.deepEqual(
      view.agents.map((agent) => agent.status),
      ['READY', 'READY', 'READY'],
    );
  });

  it('records one set of events for a mutation retried with the same idempotency key', async () => {
    const input = { taskId: '4.1', agent: 'devops-engineer', idempotencyKey: 'start-4.1-attempt' };
    const before = await countEvents(db.pool);
    const first = await accepted('startTask', input);
    const retry = await app.mutate('startTask', { sprintId, ...input });

    assert.equal(retry.replayed, true);
    assert.deepEqual(retry.events, first.events);
    assert.equal(await countEvents(db.pool), before + first.events.length);
    const reused = await app.mutate('completeTask', {
      sprintId,
      taskId: '4.1',
      idempotencyKey: 'start-4.1-attempt',
    });
    assert.equal(reused.userErrors[0]?.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a stale expectedVersion, and without one loses no concurrent update', async () => {
    const { version } = await sprint();
    await refused(
      'logHours',
      { taskId: '4.1', agent: 'devops-engineer', hours: 0.1, expectedVersion: version - 1 },
      'VERSION_CONFLICT',
      'expectedVersion',
    );
    await accepted('logHours', {
      taskId: '4.1',
      agent: 'devops-engineer',
      hours: 0.1,
      expectedVersion: version,
    });

    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.mutate('logHours', { sprintId, taskId: '4.1', agent: 'devops-engineer', hours: 0.25 }),
      ),
    );
    assert.ok(concurrent.every((result) => result.userErrors.length === 0));
    const task = (await sprint()).tasks.find((candidate) => candidate.id === '4.1');
    assert.equal(task?.actualHours, 0.1 + 8 * 0.25);
  });

  it('publishes the sprint to Kafka exactly as Postgres holds it, in the same order', async () => {
    const stored = await readStream(db.pool, sprintId);
    const messages = await readTopic(
      topic,
      (got) => deduplicate(got).firstSeen.length >= stored.length,
    );
    const published = deduplicate(messages).firstSeen.filter((message) => message.key === sprintId);
    assert.deepEqual(
      published.map((message) => [
        message.value.eventId,
        message.value.type,
        message.value.streamVersion,
      ]),
      stored.map((event) => [event.eventId, event.type, event.streamVersion]),
    );
    const metadata = stored.at(-1)?.metadata;
    assert.ok(metadata);
    assert.equal(metadata.actor, 'bootstrap-coordinator');
    assert.equal(metadata.actorKind, 'HUMAN');
    assert.equal(metadata.command, 'LogHours');
  });
  it('answers dashboard, metrics and checkpoints as the builders compute them from the stored rows', async () => {
    // The figures themselves are tested on the pure builders (src/dashboard/dashboard.spec.ts);
    // here, that the wire shows what they compute from the rows the projection stored.
    const rows = (await loadSprintRows(db.pool, sprintId)) ?? assert.fail('no rows');
    const body = await app.graphql<{
      dashboard: { overview: Record<string, number>; agents: { name: string; status: string }[] };
      metrics: {
        total: { actualHours: number };
        blockerResolutionHours: number | null;
        issueResolutionRate: number | null;
        checkpointPassRate: number | null;
        deliverablesDone: number;
        burndown: { remainingHours: number }[];
      };
      checkpoints: { nodes: { id: string; status: string }[] };
      dashboardMarkdown: string;
    }>(
      `query ($id: ID!) {
        dashboard(sprintId: $id) {
          overview { phasesComplete progressPercent activeAgents openBlockers issuesFound issuesResolved tasksComplete deliverablesDone checkpointsPassed activeRisks }
          agents { name status }
        }
        metrics(sprintId: $id) {
          total { actualHours } blockerResolutionHours issueResolutionRate checkpointPassRate deliverablesDone
          burndown { remainingHours }
        }
        checkpoints(sprintId: $id, first: 100) { nodes { id status } }
        dashboardMarkdown(sprintId: $id)
      }`,
      { id: sprintId },
    );
    assert.ok(body.data, JSON.stringify(body.errors));
    const built = buildDashboard(rows);
    const kpis = buildSprintKpis(rows);
    const shown = body.data.dashboard.overview;
    assert.deepEqual(
      shown,
      Object.fromEntries(
        Object.keys(shown).map((key) => [key, built.overview[key as keyof typeof built.overview]]),
      ),
    );
    assert.deepEqual(
      body.data.dashboard.agents,
      built.agents.map(({ name, status }) => ({ name, status })),
    );
    assert.deepEqual(body.data.metrics, {
      total: { actualHours: kpis.total.actualHours },
      blockerResolutionHours: kpis.blockerResolutionHours,
      issueResolutionRate: kpis.issueResolutionRate,
      checkpointPassRate: kpis.checkpointPassRate,
      deliverablesDone: kpis.deliverablesDone,
      burndown: kpis.burndown.map(({ remainingHours }) => ({ remainingHours })),
    });
    assert.deepEqual(
      body.data.checkpoints.nodes,
      rows.checkpoints.map(({ id, status }) => ({ id, status })),
    );
    assert.ok(body.data.dashboardMarkdown.includes(`${shown.phasesComplete}/7 phases complete`));
  });

  it('lists blockers, issues, communications and history as filtered, paged connections', async () => {
    const body = await app.graphql<
      Record<string, { totalCount: number; nodes: Record<string, unknown>[] }>
    >(
      `query ($id: ID!) {
        resolved: blockers(sprintId: $id, status: RESOLVED) { totalCount nodes { id } }
        p1: blockers(sprintId: $id, severity: P1, agent: "devops-engineer") { totalCount nodes { id taskId } }
        closed: issues(sprintId: $id, status: CLOSED, phase: 3) { totalCount nodes { id assignee } }
        requests: communications(sprintId: $id, type: REQUEST, from: "qa-engineer") { totalCount nodes { id answer { by } } }
        waiting: communications(sprintId: $id, unanswered: true) { totalCount nodes { id } }
        task: history(sprintId: $id, taskId: "2.1") { totalCount nodes { type from to actor } }
      }`,
      { id: sprintId },
    );
    assert.ok(body.data, JSON.stringify(body.errors));
    const { resolved, p1, closed, requests, waiting, task } = body.data;
    assert.deepEqual(
      resolved?.nodes.map((node) => node.id),
      ['B-1', 'B-2', 'B-3'],
    );
    assert.deepEqual(p1?.nodes, [{ id: 'B-1', taskId: '2.1' }]);
    assert.deepEqual(closed?.nodes, [{ id: 'I-1', assignee: 'qa-engineer' }]);
    assert.deepEqual(requests?.nodes, [{ id: 'C-1', answer: { by: 'python-pro' } }]);
    assert.equal(waiting?.totalCount, 0);
    assert.deepEqual(
      task?.nodes.map((node) => [node.type, node.from, node.to]),
      [
        ['TaskStarted', 'NOT_STARTED', 'IN_PROGRESS'],
        ['BlockerRaised', null, null],
        ['TaskBlocked', 'IN_PROGRESS', 'BLOCKED'],
        ['TaskUnblocked', 'BLOCKED', 'IN_PROGRESS'],
        ['HoursLogged', null, null],
        ['TaskCompleted', 'IN_PROGRESS', 'COMPLETE'],
      ],
    );

    const page = async (after: string | null) => {
      const result = await app.graphql<{
        history: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: { streamVersion: number }[];
        };
      }>(
        `query ($id: ID!, $after: String) {
          history(sprintId: $id, first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { streamVersion } }
        }`,
        { id: sprintId, after },
      );
      assert.ok(result.data, JSON.stringify(result.errors));
      return result.data.history;
    };
    const first = await page(null);
    const versions = first.nodes.map((node) => node.streamVersion);
    let current = first;
    while (current.pageInfo.hasNextPage) {
      current = await page(current.pageInfo.endCursor);
      versions.push(...current.nodes.map((node) => node.streamVersion));
    }
    assert.ok(first.totalCount > 40, 'more than one page');
    assert.equal(versions.length, first.totalCount);
    assert.deepEqual(
      versions,
      versions.map((_, index) => index + 1),
    );

    // Backwards, from the end, with last/before: the same events, and PageInfo exact both ways.
    const back = async (before: string | null) => {
      const result = await app.graphql<{
        history: {
          pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string };
          nodes: { streamVersion: number }[];
        };
      }>(
        `query ($id: ID!, $before: String) {
          history(sprintId: $id, last: 40, before: $before) { pageInfo { hasPreviousPage hasNextPage startCursor } nodes { streamVersion } }
        }`,
        { id: sprintId, before },
      );
      assert.ok(result.data, JSON.stringify(result.errors));
      return result.data.history;
    };
    let backwards = await back(null);
    assert.equal(backwards.pageInfo.hasNextPage, false, 'the last page has nothing after it');
    const seen = [...backwards.nodes.map((node) => node.streamVersion)];
    while (backwards.pageInfo.hasPreviousPage) {
      backwards = await back(backwards.pageInfo.startCursor);
      assert.equal(backwards.pageInfo.hasNextPage, true, 'a page before the end has more after');
      seen.unshift(...backwards.nodes.map((node) => node.streamVersion));
    }
    assert.deepEqual(seen, versions);

    const tooMany = await app.graphql(
      `{ history(sprintId: "${sprintId}", first: 101) { totalCount } }`,
    );
    assert.deepEqual(
      tooMany.errors?.map((error) => [error.extensions?.code, error.extensions?.field]),
      [['VALIDATION_FAILED', 'first']],
    );
  });
});
