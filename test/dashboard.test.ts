import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { createSprintLedger } from '../src/sprint-ledger.factory.js';
import { type SprintPlan } from '../src/sprints/plan/plan-document.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot, testConfig } from './support/environment.js';
import { noSections } from './builders/sprint-plan.builder.js';

interface DashboardView {
  overview: Record<string, number>;
  agents: {
    name: string;
    status: string;
    taskCount: number;
    tasksDone: number;
    currentTask: { id: string } | null;
    nextTask: { id: string } | null;
    nextTaskWaitingFor: string[];
  }[];
  phases: {
    number: number;
    status: string;
    assignedAgents: string[];
    waitingFor: string[];
    estimatedHours: number;
  }[];
  criticalPath: {
    totalHours: number;
    targetHours: number;
    declaredHours: number;
    bufferedHours: number;
    chains: string[][];
  };
}

const dashboardQuery = `query ($id: ID!) { dashboard(sprintId: $id) {
  overview {
    phasesComplete phaseCount progressPercent activeAgents agentCount openBlockers issuesFound
    issuesResolved taskCount tasksComplete deliverablesDone deliverableCount checkpointsPending
    checkpointsPassed checkpointCount activeRisks riskCount
  }
  agents { name status taskCount tasksDone currentTask { id } nextTask { id } nextTaskWaitingFor }
  phases { number status assignedAgents waitingFor estimatedHours }
  criticalPath { totalHours targetHours declaredHours bufferedHours chains }
} }`;

/** A sprint as large as asked: `agents` agents, `phases` phases of `tasksPerPhase` tasks each. */
function largePlan(key: string, agents: number, phases: number, tasksPerPhase: number): SprintPlan {
  const names = Array.from({ length: agents }, (_, index) => `agent-${index + 1}`);
  return {
    key,
    name: key,
    branch: null,
    startDate: null,
    targetHours: { min: 10, max: 20 },
    criticalPathHours: null,
    bufferedHours: null,
    agents: names.map((name) => ({
      name,
      role: 'Engineer',
      backup: null,
      criticalDependencies: [],
    })),
    phases: Array.from({ length: phases }, (_, p) => ({
      number: p + 1,
      name: `Phase ${p + 1}`,
      estimateHours: { min: 1, max: 2 },
      dependsOn: p === 0 ? [] : [p],
      criticalPath: false,
      riskLevel: null,
      tasks: Array.from({ length: tasksPerPhase }, (_, t) => ({
        id: `${p + 1}.${t + 1}`,
        title: `Task ${p + 1}.${t + 1}`,
        estimateHours: 1,
        assignees: [names[(p * tasksPerPhase + t) % names.length] ?? 'agent-1'],
        dependsOn: [],
      })),
    })),
    ...noSections,
  };
}

describe('the dashboard query', () => {
  let db: TestDatabase;
  let app: TestApp;
  const actor = { principal: systemPrincipal('test') };

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    const commands = createSprintLedger(db.pool, new Clock());
    const plan = parseSprintPlan(await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
    await commands.execute(plan.key, { kind: 'PlanSprint', plan }, actor);
    for (const large of [
      largePlan('three-agents', 3, 3, 3),
      largePlan('thirty-agents', 30, 10, 30),
    ]) {
      await commands.execute(large.key, { kind: 'PlanSprint', plan: large }, actor);
    }
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  const dashboard = async (id: string) => {
    const body = await app.graphql<{ dashboard: DashboardView }>(dashboardQuery, { id });
    assert.ok(body.data, JSON.stringify(body.errors));
    return body.data.dashboard;
  };

  it('shows the freshly imported Sprint 4 with the reference figures', async () => {
    const view = await dashboard('sprint-4');
    assert.deepEqual(view.overview, {
      phasesComplete: 0,
      phaseCount: 7,
      progressPercent: 0,
      activeAgents: 0,
      agentCount: 3,
      openBlockers: 0,
      issuesFound: 0,
      issuesResolved: 0,
      taskCount: 23,
      tasksComplete: 0,
      deliverablesDone: 0,
      deliverableCount: 12,
      checkpointsPending: 4,
      checkpointsPassed: 0,
      checkpointCount: 4,
      activeRisks: 5,
      riskCount: 5,
    });
    assert.deepEqual(
      view.agents.map((agent) => [
        agent.name,
        agent.status,
        `${agent.tasksDone}/${agent.taskCount}`,
        agent.currentTask,
        agent.nextTask?.id,
      ]),
      [
        ['devops-engineer', 'ASSIGNED', '0/11', null, '2.1'],
        ['python-pro', 'ASSIGNED', '0/6', null, '1.1'],
        ['qa-engineer', 'ASSIGNED', '0/7', null, '3.2'],
      ],
    );
    assert.deepEqual(view.agents[2]?.nextTaskWaitingFor, ['Phase 1', 'Phase 2', 'Task 3.1']);
    assert.deepEqual(
      view.phases.map((phase) => [
        phase.number,
        phase.status,
        phase.assignedAgents.length,
        phase.waitingFor,
      ]),
      [
        [1, 'NOT_STARTED', 1, []],
        [2, 'NOT_STARTED', 1, []],
        [3, 'NOT_STARTED', 3, ['Awaiting Phase 1 completion', 'Awaiting Phase 2 completion']],
        [4, 'NOT_STARTED', 2, ['Awaiting Phase 3 completion']],
        [5, 'NOT_STARTED', 3, ['Awaiting Phase 3 completion', 'Awaiting Phase 4 completion']],
        [6, 'NOT_STARTED', 2, ['Awaiting Phase 5 completion']],
        [
          7,
          'NOT_STARTED',
          3,
          [1, 2, 3, 4, 5, 6].map((number) => `Awaiting Phase ${number} completion`),
        ],
      ],
    );
    assert.equal(view.criticalPath.totalHours, 15);
    assert.equal(view.criticalPath.targetHours, 16);
    assert.equal(view.criticalPath.declaredHours, 14);
    assert.equal(view.criticalPath.bufferedHours, 19);
    assert.deepEqual(view.criticalPath.chains[0], [
      '1.1',
      '1.2',
      '1.3',
      '3.1',
      '3.2',
      '3.4',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.4',
      '6.1',
      '6.2',
      '7.1',
    ]);
  });

  it('lists every sprint', async () => {
    const body = await app.graphql<{
      sprints: { nodes: { id: string; status: string; version: number }[] };
    }>('{ sprints { nodes { id status version } } }');
    assert.ok(body.data);
    const sprints = body.data.sprints.nodes;
    assert.deepEqual(sprints.map((sprint) => sprint.id).sort(), [
      'sprint-4',
      'thirty-agents',
      'three-agents',
    ]);
    assert.ok(sprints.every((sprint) => sprint.status === 'PLANNED' && sprint.version === 1));
  });

  it('costs the same number of SQL statements for 3 agents and for 30 agents with 300 tasks', async () => {
    const pool = app.app.get(Pool);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, unbound
    const query = pool.query;
    let statements = 0;
    // Counts what the real pool is asked to run; every statement still goes to Postgres.
    pool.query = new Proxy(query, {
      apply(target, self, args: unknown[]) {
        statements += 1;
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    try {
      const counts: number[] = [];
      for (const id of ['three-agents', 'thirty-agents']) {
        statements = 0;
        const view = await dashboard(id);
        assert.ok(view.overview.taskCount === 9 || view.overview.taskCount === 300);
        counts.push(statements);
      }
      console.log(`dashboard statements: 3 agents ${counts[0]}, 30 agents/300 tasks ${counts[1]}`);
      assert.equal(counts[0], counts[1]);
      assert.equal(counts[0], 1, 'one for the whole sprint: the token is in the token cache');

      // The live page asks for several views of one sprint in one request: still one read.
      statements = 0;
      const page = await app.graphql(
        `query ($id: ID!) {
          dashboard(sprintId: $id) { version }
          metrics(sprintId: $id) { burndown { remainingHours } }
          sprint(id: $id) { issues { nodes { id } } }
          checkpoints(sprintId: $id) { nodes { id } }
          criticalPath(sprintId: $id) { totalHours }
        }`,
        { id: 'three-agents' },
      );
      assert.equal(page.errors, undefined, JSON.stringify(page.errors));
      assert.equal(statements, 1, 'five views of one sprint, one statement for the sprint');
    } finally {
      pool.query = query;
    }
  });
});
