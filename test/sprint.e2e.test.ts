import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { readStream } from '../src/event-store/event-store.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot, testConfig } from './support/environment.js';
import { deduplicate, readTopic } from './support/kafka.js';
import { startTestApp, type MutationResult, type TestApp } from './support/app.js';

const sprintId = 'sprint-4';

interface SprintView {
  status: string;
  version: number;
  agents: {
    name: string;
    role: string;
    backup: string | null;
    criticalDependencies: string[];
    status: string;
  }[];
  phases: {
    number: number;
    name: string;
    estimateHours: { min: number; max: number };
    dependsOn: number[];
    criticalPath: boolean;
    riskLevel: string | null;
    status: string;
  }[];
  tasks: {
    id: string;
    phase: number;
    estimateHours: number;
    assignees: string[];
    status: string;
    actualHours: number;
  }[];
  deliverables: { id: string; category: string; name: string; done: boolean }[];
  checkpoints: {
    id: string;
    name: string;
    phase: number;
    hourWindow: { from: number; to: number };
    status: string;
  }[];
  risks: { category: string; severity: string; status: string; mitigation: string }[];
  issues: { id: string; status: string }[];
  blockers: { id: string; status: string; severity: string }[];
  communications: { id: string; type: string; answer: { by: string } | null }[];
}

const sprintQuery = `query ($id: ID!) { sprint(id: $id) {
  status version
  agents { name role backup criticalDependencies status }
  phases { number name estimateHours { min max } dependsOn criticalPath riskLevel status }
  tasks { id phase estimateHours assignees status actualHours }
  deliverables { id category name done }
  checkpoints { id name phase hourWindow { from to } status }
  risks { category severity status mitigation }
  issues { id status }
  blockers { id status severity }
  communications { id type answer { by } }
} }`;

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
  const work = async (taskId: string, agent: string, hours: number) => {
    await accepted('startTask', { taskId, agent });
    await accepted('logHours', { taskId, agent, hours });
    await accepted('completeTask', { taskId });
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
      [
        ['devops-engineer', 'Infrastructure Lead', 'kubernetes-spec', 'ASSIGNED'],
        ['python-pro', 'Workflow Development Lead', 'ai-engineer', 'ASSIGNED'],
        ['qa-engineer', 'Testing & Validation Lead', 'test-automation', 'ASSIGNED'],
      ],
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
      [
        [1, 'Test Workflow Creation', '3-4h', '', false],
        [2, 'Deployment Validation', '2-3h', '', false],
        [3, 'Workflow Execution Testing', '2-3h', '1,2', true],
        [4, 'Persistence Testing', '1-2h', '3', true],
        [5, 'Issue Resolution & Documentation', '2-4h', '3,4', true],
        [6, 'PostgreSQL Compatibility Validation', '1-2h', '5', false],
        [7, 'Documentation & Cleanup', '1-2h', '1,2,3,4,5,6', false],
      ],
    );
    assert.equal(view.phases[4]?.riskLevel, 'HIGH');
    assert.deepEqual(
      view.tasks.map((task) => `${task.id}:${task.estimateHours}:${task.assignees.join('+')}`),
      [
        '1.1:1:python-pro',
        '1.2:2:python-pro',
        '1.3:1:python-pro',
        '2.1:1:devops-engineer',
        '2.2:0.5:devops-engineer',
        '2.3:0.5:devops-engineer',
        '2.4:1:devops-engineer',
        '3.1:0.5:python-pro',
        '3.2:1:qa-engineer',
        '3.3:0.5:qa-engineer',
        '3.4:1:devops-engineer',
        '4.1:0.25:devops-engineer',
        '4.2:0.5:devops-engineer',
        '4.3:0.75:qa-engineer',
        '5.1:1:qa-engineer',
        '5.2:2:devops-engineer',
        '5.3:2:python-pro',
        '5.4:1:qa-engineer',
        '6.1:1:qa-engineer',
        '6.2:1:devops-engineer',
        '7.1:1:devops-engineer',
        '7.2:0.5:python-pro',
        '7.3:0.5:qa-engineer+devops-engineer',
      ],
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
      [
        ['Deployment & Workflow Ready', 2, '4-5', 'PENDING'],
        ['First Workflow Success', 3, '11-12', 'PENDING'],
        ['Persistence Validated', 4, '15-16', 'PENDING'],
        ['All Issues Resolved', 5, '21-22', 'PENDING'],
      ],
    );
    assert.deepEqual(
      view.risks.map((risk) => [risk.category, risk.severity, risk.status, risk.mitigation]),
      [
        ['PostgreSQL Connection', 'MEDIUM', 'ACTIVE', 'Pre-validate'],
        ['Schema Migration', 'LOW', 'ACTIVE', 'Use official'],
        ['Worker Timeout', 'MEDIUM', 'ACTIVE', 'Config retry'],
        ['State Corruption', 'LOW', 'ACTIVE', 'Transactions'],
        ['Version Compat', 'MEDIUM', 'ACTIVE', 'Test matrix'],
      ],
    );

    const again = await app.mutate('importSprintPlan', { plan });
    assert.deepEqual(
      again.userErrors.map((error) => [error.code, error.field]),
      [['ALREADY_EXISTS', 'plan.key']],
    );
  });

  it('plays the sprint by its rules', async () => {
    for (const agent of ['devops-engineer', 'python-pro', 'qa-engineer']) {
      await accepted('declareAgentReady', { agent });
    }

    // Phases 1 and 2 run in parallel.
    await accepted('startTask', { taskId: '1.1', agent: 'python-pro' });
    await accepted('startTask', { taskId: '2.1', agent: 'devops-engineer' });
    assert.equal((await sprint()).status, 'ACTIVE');

    // A P1 blocker stops devops' work, and only devops'.
    const p1 = await accepted(
      'raiseBlocker',
      {
        severity: 'P1',
        agent: 'devops-engineer',
        taskId: '2.1',
        description: 'Docker daemon down',
      },
      'blocker { id status } task: sprint { tasks { id status } }',
    );
    assert.deepEqual(
      p1.events.map((event) => event.type),
      ['BlockerRaised', 'TaskBlocked', 'AgentStatusChanged'],
    );
    await refused('completeTask', { taskId: '2.1' }, 'INVALID_TRANSITION', 'taskId');
    await refused('startTask', { taskId: '2.2', agent: 'devops-engineer' }, 'BLOCKED', 'taskId');
    await accepted('logHours', { taskId: '1.1', agent: 'python-pro', hours: 1 });
    await accepted('completeTask', { taskId: '1.1' });
    const resolved = await accepted('resolveBlocker', {
      blockerId: 'B-1',
      resolution: 'daemon restarted',
    });
    assert.deepEqual(
      resolved.events.map((event) => event.type),
      ['BlockerResolved', 'TaskUnblocked', 'AgentStatusChanged'],
    );
    await accepted('logHours', { taskId: '2.1', agent: 'devops-engineer', hours: 1.5 });
    await accepted('completeTask', { taskId: '2.1' });

    // Phase 3 waits for phases 1 and 2.
    const early = await refused(
      'startTask',
      { taskId: '3.1', agent: 'python-pro' },
      'DEPENDENCY_NOT_MET',
      'taskId',
    );
    assert.match(early.message, /Phase 1, Phase 2/);

    await work('1.2', 'python-pro', 2);
    await work('1.3', 'python-pro', 1);
    const halfway = await refused(
      'startTask',
      { taskId: '3.1', agent: 'python-pro' },
      'DEPENDENCY_NOT_MET',
      'taskId',
    );
    assert.match(halfway.message, /awaiting Phase 2 completion/);

    // A P0 blocker stops every start.
    await accepted('raiseBlocker', {
      severity: 'P0',
      agent: 'qa-engineer',
      description: 'Cluster lost',
    });
    await refused('startTask', { taskId: '2.2', agent: 'devops-engineer' }, 'BLOCKED', 'taskId');
    await accepted('changeBlockerSeverity', {
      blockerId: 'B-2',
      severity: 'P2',
      reason: 'workaround found',
    });
    await accepted('resolveBlocker', { blockerId: 'B-2', resolution: 'cluster back' });

    for (const taskId of ['2.2', '2.3', '2.4']) await work(taskId, 'devops-engineer', 0.5);
    await refused(
      'startTask',
      { taskId: '3.2', agent: 'qa-engineer' },
      'DEPENDENCY_NOT_MET',
      'taskId',
    );
    await work('3.1', 'python-pro', 0.5);

    // Checkpoint 1 (phase 2) passes; checkpoint 2 fails while phase 3 runs, then passes.
    await accepted('startCheckpoint', { checkpointId: 'CP-1' });
    await accepted('passCheckpoint', {
      checkpointId: 'CP-1',
      result: 'stack healthy, workflow ready',
    });
    await refused('passCheckpoint', { checkpointId: 'CP-2' }, 'DEPENDENCY_NOT_MET', 'checkpointId');
    await refused(
      'failCheckpoint',
      { checkpointId: 'CP-2', reason: '' },
      'VALIDATION_FAILED',
      'reason',
    );
    await accepted('failCheckpoint', { checkpointId: 'CP-2', reason: 'workflow timed out' });

    // Issues, through every status, with a failed validation in between.
    const issue = await accepted(
      'reportIssue',
      { severity: 'P1', title: 'Workflow times out', phase: 3, assignee: 'python-pro' },
      'issue { id status }',
    );
    assert.deepEqual(issue.issue, { id: 'I-1', status: 'OPEN' });
    await refused('moveIssue', { issueId: 'I-1', to: 'CLOSED' }, 'INVALID_TRANSITION', 'to');
    for (const to of [
      'IN_PROGRESS',
      'FIXED',
      'OPEN',
      'IN_PROGRESS',
      'FIXED',
      'VALIDATED',
      'CLOSED',
    ]) {
      await accepted('moveIssue', { issueId: 'I-1', to });
    }
    await accepted('assignIssue', { issueId: 'I-1', assignee: 'qa-engineer' });

    // Communications of all four types; a request and a question answered.
    const request = await accepted(
      'logCommunication',
      {
        from: 'qa-engineer',
        to: 'python-pro',
        subject: 'Scripts',
        body: 'Where is execute_workflow.py?',
        type: 'REQUEST',
      },
      'communication { id }',
    );
    await accepted('answerCommunication', {
      communicationId: (request.communication as { id: string }).id,
      answeredBy: 'python-pro',
      answer: 'tests/integration/temporal/',
    });
    await accepted('logCommunication', {
      from: 'python-pro',
      to: 'devops-engineer',
      subject: 'Port',
      body: 'Which port is Temporal on?',
      type: 'QUESTION',
    });
    await accepted('answerCommunication', {
      communicationId: 'C-2',
      answeredBy: 'devops-engineer',
      answer: '7233',
    });
    await accepted('logCommunication', {
      from: 'devops-engineer',
      subject: 'Stack up',
      body: 'Temporal is deployed',
      type: 'NOTIFICATION',
    });
    const escalation = await accepted(
      'logCommunication',
      {
        from: 'qa-engineer',
        to: 'coordinator',
        subject: 'UI down',
        body: 'Temporal UI does not load',
        type: 'BLOCKER',
        blocker: { severity: 'P2' },
      },
      'blocker { id severity status }',
    );
    assert.deepEqual(escalation.blocker, { id: 'B-3', severity: 'P2', status: 'OPEN' });
    await accepted('resolveBlocker', { blockerId: 'B-3', resolution: 'port-forward restarted' });
    await refused(
      'answerCommunication',
      { communicationId: 'C-3', answeredBy: 'qa-engineer', answer: 'ok' },
      'INVALID_TRANSITION',
      'communicationId',
    );

    // Finish phase 3, then checkpoint 2 passes on a second validation.
    await work('3.2', 'qa-engineer', 1);
    await work('3.3', 'qa-engineer', 0.5);
    await work('3.4', 'devops-engineer', 1);
    await accepted('startCheckpoint', { checkpointId: 'CP-2' });
    await accepted('passCheckpoint', { checkpointId: 'CP-2', result: 'first workflow succeeded' });

    for (const deliverableId of ['D-01', 'D-02', 'D-03', 'D-04', 'D-09']) {
      await accepted('completeDeliverable', { deliverableId });
    }
    await accepted('changeRiskStatus', {
      riskId: 'R-3',
      status: 'TRIGGERED',
      note: 'worker timed out once',
    });
    await accepted('recordQualityMetric', { metric: 'Test Coverage', value: '84%' });

    // Unknown things are refused with the field at fault.
    await refused('startTask', { taskId: '9.9', agent: 'qa-engineer' }, 'NOT_FOUND', 'taskId');
    await refused(
      'logHours',
      { taskId: '3.2', agent: 'qa-engineer', hours: -2 },
      'VALIDATION_FAILED',
      'hours',
    );
    await refused(
      'startTask',
      { taskId: '4.1', agent: 'qa-engineer' },
      'VALIDATION_FAILED',
      'agent',
    );

    const view = await sprint();
    assert.deepEqual(
      view.phases.map((phase) => phase.status),
      [
        'COMPLETE',
        'COMPLETE',
        'COMPLETE',
        'NOT_STARTED',
        'NOT_STARTED',
        'NOT_STARTED',
        'NOT_STARTED',
      ],
    );
    assert.deepEqual(
      view.checkpoints.map((checkpoint) => checkpoint.status),
      ['PASSED', 'PASSED', 'PENDING', 'PENDING'],
    );
    assert.deepEqual(view.issues, [{ id: 'I-1', status: 'CLOSED' }]);
    assert.ok(view.blockers.every((blocker) => blocker.status === 'RESOLVED'));
    assert.deepEqual(
      view.communications.map((message) => [message.type, message.answer?.by ?? null]),
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
    assert.equal(metadata.actor, 'test-coordinator');
    assert.equal(metadata.command, 'LogHours');
  });
});
