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
    assert.equal(metadata.actor, 'bootstrap-coordinator');
    assert.equal(metadata.actorKind, 'HUMAN');
    assert.equal(metadata.command, 'LogHours');
  });
  it('answers dashboard, metrics and checkpoints with figures that follow from the events', async () => {
    const events = await readStream(db.pool, sprintId);
    const data = (event: (typeof events)[number]) => event.data as Record<string, unknown>;
    const last = <T>(type: string, key: string, value: string): Map<string, T> => {
      const found = new Map<string, T>();
      for (const event of events)
        if (event.type === type) found.set(String(data(event)[key]), data(event)[value] as T);
      return found;
    };
    const plan = data(events[0] ?? assert.fail('no events')).plan as {
      phases: { tasks: { id: string; estimateHours: number }[] }[];
    };
    const estimates = new Map(
      plan.phases.flatMap((phase) => phase.tasks.map((task) => [task.id, task.estimateHours])),
    );
    const taskStatus = new Map<string, string>();
    for (const event of events) {
      const to = data(event).to;
      if (
        event.type.startsWith('Task') &&
        event.type !== 'TaskReassigned' &&
        typeof to === 'string'
      ) {
        taskStatus.set(String(data(event).taskId), to);
      }
    }
    const complete = [...taskStatus]
      .filter(([, status]) => status === 'COMPLETE')
      .map(([id]) => id);
    const totalEstimate = [...estimates.values()].reduce((sum, hours) => sum + hours, 0);
    const completeEstimate = complete.reduce((sum, id) => sum + (estimates.get(id) ?? 0), 0);
    const phaseStatus = last<string>('PhaseStatusChanged', 'phase', 'to');
    const agentStatus = last<string>('AgentStatusChanged', 'agent', 'to');
    const raised = events.filter((event) => event.type === 'BlockerRaised');
    const resolved = events.filter((event) => event.type === 'BlockerResolved');
    const issueStatus = last<string>('IssueStatusChanged', 'issueId', 'to');
    const checkpointStatus = new Map<string, string>();
    for (const event of events) {
      const id = data(event).checkpointId;
      if (typeof id === 'string' && typeof data(event).to === 'string')
        checkpointStatus.set(id, String(data(event).to));
    }
    const deliverables = new Map<string, boolean>();
    for (const event of events) {
      if (event.type === 'DeliverableCompleted')
        deliverables.set(String(data(event).deliverableId), true);
      if (event.type === 'DeliverableReopened')
        deliverables.set(String(data(event).deliverableId), false);
    }
    const hours = last<number>('HoursLogged', 'taskId', 'totalHours');
    const totalHours = [...hours.values()].reduce((sum, value) => sum + value, 0);
    const hoursOf = (event: (typeof events)[number]) =>
      new Date(String(data(event).at)).getTime() / 3_600_000;
    const resolutionHours = resolved.map((event) => {
      const raise = raised.find((candidate) => data(candidate).blockerId === data(event).blockerId);
      return hoursOf(event) - (raise ? hoursOf(raise) : 0);
    });
    const decided = [...checkpointStatus.values()].filter(
      (status) => status === 'PASSED' || status === 'FAILED',
    );

    const body = await app.graphql<{
      dashboard: { overview: Record<string, number>; agents: { status: string }[] };
      metrics: {
        total: { actualHours: number };
        blockerResolutionHours: number | null;
        issueResolutionRate: number | null;
        checkpointPassRate: number | null;
        deliverablesDone: number;
        burndown: { remainingHours: number }[];
      };
      checkpoints: { id: string; status: string }[];
    }>(
      `query ($id: ID!) {
        dashboard(sprintId: $id) {
          overview { phasesComplete progressPercent activeAgents openBlockers issuesFound issuesResolved tasksComplete deliverablesDone checkpointsPassed activeRisks }
          agents { status }
        }
        metrics(sprintId: $id) {
          total { actualHours } blockerResolutionHours issueResolutionRate checkpointPassRate deliverablesDone
          burndown { remainingHours }
        }
        checkpoints(sprintId: $id) { id status }
      }`,
      { id: sprintId },
    );
    assert.ok(body.data, JSON.stringify(body.errors));
    const { dashboard, metrics, checkpoints } = body.data;
    const risksTriggered = new Set(
      events
        .filter((event) => event.type === 'RiskStatusChanged' && data(event).to !== 'ACTIVE')
        .map((event) => data(event).riskId),
    );
    assert.deepEqual(dashboard.overview, {
      phasesComplete: [...phaseStatus.values()].filter((status) => status === 'COMPLETE').length,
      progressPercent: Math.round((completeEstimate / totalEstimate) * 1000) / 10,
      activeAgents: [...agentStatus.values()].filter((status) => status === 'ACTIVE').length,
      openBlockers: raised.length - resolved.length,
      issuesFound: events.filter((event) => event.type === 'IssueReported').length,
      issuesResolved: [...issueStatus.values()].filter(
        (status) => status === 'VALIDATED' || status === 'CLOSED',
      ).length,
      tasksComplete: complete.length,
      deliverablesDone: [...deliverables.values()].filter(Boolean).length,
      checkpointsPassed: [...checkpointStatus.values()].filter((status) => status === 'PASSED')
        .length,
      activeRisks: 5 - risksTriggered.size,
    });
    assert.deepEqual(
      dashboard.agents.map((agent) => agent.status).sort(),
      ['devops-engineer', 'python-pro', 'qa-engineer']
        .map((agent) => agentStatus.get(agent) ?? 'ASSIGNED')
        .sort(),
    );
    assert.equal(metrics.total.actualHours, Math.round(totalHours * 100) / 100);
    assert.equal(
      metrics.blockerResolutionHours,
      Math.round(
        (resolutionHours.reduce((sum, value) => sum + value, 0) / resolutionHours.length) * 1000,
      ) / 1000,
    );
    assert.equal(metrics.issueResolutionRate, 100);
    assert.equal(
      metrics.checkpointPassRate,
      Math.round((decided.filter((status) => status === 'PASSED').length / decided.length) * 1000) /
        10,
    );
    assert.equal(metrics.deliverablesDone, [...deliverables.values()].filter(Boolean).length);
    assert.equal(
      metrics.burndown.length,
      1 +
        events.filter((event) => event.type === 'TaskCompleted' || event.type === 'TaskReopened')
          .length,
    );
    assert.equal(metrics.burndown.at(-1)?.remainingHours, totalEstimate - completeEstimate);
    const document = await app.graphql<{ dashboardMarkdown: string }>(
      `query ($id: ID!) { dashboardMarkdown(sprintId: $id) }`,
      { id: sprintId },
    );
    const markdown = document.data?.dashboardMarkdown ?? '';
    assert.ok(markdown.includes(`${dashboard.overview.phasesComplete}/7 phases complete`));
    assert.ok(markdown.includes(`Progress: ${metrics.deliverablesDone}/12 deliverables`));
    assert.ok(markdown.includes('│ I-1  │ P1       │ Workflow times out'));
    assert.deepEqual(
      checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.status]),
      ['CP-1', 'CP-2', 'CP-3', 'CP-4'].map((id) => [id, checkpointStatus.get(id) ?? 'PENDING']),
    );
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

    const tooMany = await app.graphql(
      `{ history(sprintId: "${sprintId}", first: 101) { totalCount } }`,
    );
    assert.deepEqual(
      tooMany.errors?.map((error) => [error.extensions?.code, error.extensions?.field]),
      [['VALIDATION_FAILED', 'first']],
    );
  });
});
