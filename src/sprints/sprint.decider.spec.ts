import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { event, given, history } from '../../test/builders/given-when-then.js';
import { aSprintPlan } from '../../test/builders/sprint-plan.builder.js';
import { type SprintCommand } from './sprint.js';

const start = (taskId: string, agent: string, forceReason?: string): SprintCommand => ({
  kind: 'StartTask',
  taskId,
  agent,
  forceReason,
});
const complete = (taskId: string): SprintCommand => ({ kind: 'CompleteTask', taskId });
const raise = (
  severity: 'P0' | 'P1' | 'P2' | 'P3',
  agent: string,
  taskId: string | null = null,
): SprintCommand => ({ kind: 'RaiseBlocker', severity, agent, taskId, description: 'stuck' });
const resolve = (blockerId: string): SprintCommand => ({
  kind: 'ResolveBlocker',
  blockerId,
  resolution: 'fixed',
});
const phasesOneAndTwoDone = [
  start('1.1', 'dev'),
  complete('1.1'),
  start('1.2', 'dev'),
  complete('1.2'),
  start('2.1', 'qa'),
  complete('2.1'),
];

describe('planning a sprint', () => {
  it('records the plan once', () => {
    given([])
      .when({ kind: 'PlanSprint', plan: aSprintPlan() })
      .then([event('SprintPlanned', { plan: aSprintPlan() })]);
    given(history())
      .when({ kind: 'PlanSprint', plan: aSprintPlan() })
      .thenRefused('ALREADY_EXISTS', 'plan.key');
  });

  it('refuses a plan whose references point nowhere or go round in a circle', () => {
    const plan = aSprintPlan();
    const [phase1, phase2, phase3] = plan.phases;
    assert.ok(phase1 && phase2 && phase3);
    const unknownAgent = {
      ...plan,
      phases: [
        { ...phase1, tasks: phase1.tasks.map((task) => ({ ...task, assignees: ['ghost'] })) },
      ],
    };
    given([])
      .when({ kind: 'PlanSprint', plan: unknownAgent })
      .thenRefused('VALIDATION_FAILED', 'plan.phases[0].tasks[0].assignees[0]');

    const cycle = { ...plan, phases: [{ ...phase1, dependsOn: [3] }, phase2, phase3] };
    const error = given([])
      .when({ kind: 'PlanSprint', plan: cycle })
      .thenRefused('VALIDATION_FAILED', 'plan.phases');
    assert.match(error.message, /cycle/);
  });

  it('starts every agent ASSIGNED and every phase NOT_STARTED', () => {
    const { state } = given(history());
    assert.ok(state);
    assert.equal(state.status, 'PLANNED');
    assert.deepEqual(
      Object.values(state.agents).map((agent) => agent.status),
      ['ASSIGNED', 'ASSIGNED'],
    );
    assert.deepEqual(
      Object.values(state.phases).map((phase) => phase.status),
      ['NOT_STARTED', 'NOT_STARTED', 'NOT_STARTED'],
    );
  });
});

describe('starting a task', () => {
  it('makes the sprint ACTIVE at its first start, the phase IN_PROGRESS and the agent ACTIVE', () => {
    given(history())
      .when(start('1.1', 'dev'))
      .then([
        event('SprintStarted', { from: 'PLANNED', to: 'ACTIVE' }),
        event('TaskStarted', {
          taskId: '1.1',
          agent: 'dev',
          from: 'NOT_STARTED',
          to: 'IN_PROGRESS',
          forcedReason: null,
        }),
        event('PhaseStatusChanged', { phase: 1, from: 'NOT_STARTED', to: 'IN_PROGRESS' }),
        event('AgentStatusChanged', { agent: 'dev', from: 'ASSIGNED', to: 'ACTIVE' }),
      ]);
    given(history(start('1.1', 'dev')))
      .when(start('2.1', 'qa'))
      .thenTypes(['TaskStarted', 'PhaseStatusChanged', 'AgentStatusChanged']);
  });

  it('lets phases without dependencies run in parallel', () => {
    const state = given(history(start('1.1', 'dev')))
      .when(start('2.1', 'qa'))
      .state();
    assert.equal(state.tasks['1.1']?.status, 'IN_PROGRESS');
    assert.equal(state.tasks['2.1']?.status, 'IN_PROGRESS');
  });

  it('waits for every phase its phase depends on', () => {
    const error = given(history(start('1.1', 'dev'), complete('1.1')))
      .when(start('3.1', 'dev'))
      .thenRefused('DEPENDENCY_NOT_MET', 'taskId');
    assert.deepEqual(error.details, { waitingFor: ['Phase 1', 'Phase 2'] });
    given(history(...phasesOneAndTwoDone))
      .when(start('3.1', 'dev'))
      .thenTypes(['TaskStarted', 'PhaseStatusChanged', 'AgentStatusChanged']);
  });

  it('waits for its own task dependencies', () => {
    const error = given(history(start('1.1', 'dev')))
      .when(start('1.2', 'dev'))
      .thenRefused('DEPENDENCY_NOT_MET');
    assert.deepEqual(error.details, { waitingFor: ['Task 1.1'] });
    given(history(start('1.1', 'dev'), complete('1.1')))
      .when(start('1.2', 'dev'))
      .thenTypes(['TaskStarted', 'AgentStatusChanged']);
  });

  it('starts early when a coordinator forces it with a reason, which the event keeps', () => {
    given(history())
      .when(start('3.1', 'qa', 'the environment is ready early'))
      .then([
        event('SprintStarted', { from: 'PLANNED', to: 'ACTIVE' }),
        event('TaskStarted', {
          taskId: '3.1',
          agent: 'qa',
          from: 'NOT_STARTED',
          to: 'IN_PROGRESS',
          forcedReason: 'the environment is ready early',
        }),
        event('PhaseStatusChanged', { phase: 3, from: 'NOT_STARTED', to: 'IN_PROGRESS' }),
        event('AgentStatusChanged', { agent: 'qa', from: 'ASSIGNED', to: 'ACTIVE' }),
      ]);
    given(history())
      .when(start('3.1', 'qa', '  '))
      .thenRefused('DEPENDENCY_NOT_MET');
  });

  it('refuses an agent not assigned to the task, an unknown task and a second start', () => {
    given(history()).when(start('1.1', 'qa')).thenRefused('VALIDATION_FAILED', 'agent');
    given(history()).when(start('9.9', 'dev')).thenRefused('NOT_FOUND', 'taskId');
    const error = given(history(start('1.1', 'dev')))
      .when(start('1.1', 'dev'))
      .thenRefused('INVALID_TRANSITION', 'taskId');
    assert.deepEqual(error.details?.allowed, ['BLOCKED', 'COMPLETE']);
  });
});

describe('blockers', () => {
  it('P0 stops every start in the sprint', () => {
    const error = given(history(raise('P0', 'qa')))
      .when(start('1.1', 'dev'))
      .thenRefused('BLOCKED', 'taskId');
    assert.deepEqual(error.details, { blockers: ['B-1'] });
    given(history(raise('P0', 'qa'), resolve('B-1')))
      .when(start('1.1', 'dev'))
      .thenTypes(['SprintStarted', 'TaskStarted', 'PhaseStatusChanged', 'AgentStatusChanged']);
  });

  it('P1 stops the starts of the agent it blocks, and only that agent', () => {
    given(history(raise('P1', 'dev')))
      .when(start('1.1', 'dev'))
      .thenRefused('BLOCKED');
    given(history(raise('P1', 'dev')))
      .when(start('2.1', 'qa'))
      .thenTypes(['SprintStarted', 'TaskStarted', 'PhaseStatusChanged', 'AgentStatusChanged']);
  });

  it('P2 and P3 stop no start', () => {
    for (const severity of ['P2', 'P3'] as const) {
      given(history(raise(severity, 'dev')))
        .when(start('1.1', 'dev'))
        .thenTypes(['SprintStarted', 'TaskStarted', 'PhaseStatusChanged', 'AgentStatusChanged']);
    }
  });

  it('blocks the task it names, which then cannot complete, and the agent working on it', () => {
    given(history(start('1.1', 'dev')))
      .when(raise('P2', 'dev', '1.1'))
      .then([
        event('BlockerRaised', {
          blockerId: 'B-1',
          severity: 'P2',
          agent: 'dev',
          taskId: '1.1',
          description: 'stuck',
          communicationId: null,
        }),
        event('TaskBlocked', {
          taskId: '1.1',
          from: 'IN_PROGRESS',
          to: 'BLOCKED',
          blockerId: 'B-1',
        }),
        event('AgentStatusChanged', { agent: 'dev', from: 'ACTIVE', to: 'BLOCKED' }),
      ]);
    const error = given(history(start('1.1', 'dev'), raise('P2', 'dev', '1.1')))
      .when(complete('1.1'))
      .thenRefused('INVALID_TRANSITION', 'taskId');
    assert.match(error.message, /blocked by B-1/);
  });

  it('returns the task to IN_PROGRESS when its last blocker is resolved', () => {
    const twoBlockers = history(
      start('1.1', 'dev'),
      raise('P2', 'dev', '1.1'),
      raise('P3', 'dev', '1.1'),
    );
    given(twoBlockers).when(resolve('B-1')).thenTypes(['BlockerResolved']);
    const afterFirst = given(twoBlockers).when(resolve('B-1')).state();
    assert.equal(afterFirst.tasks['1.1']?.status, 'BLOCKED');
    given(
      history(
        start('1.1', 'dev'),
        raise('P2', 'dev', '1.1'),
        raise('P3', 'dev', '1.1'),
        resolve('B-1'),
      ),
    )
      .when(resolve('B-2'))
      .then([
        event('BlockerResolved', {
          blockerId: 'B-2',
          from: 'OPEN',
          to: 'RESOLVED',
          resolution: 'fixed',
        }),
        event('TaskUnblocked', {
          taskId: '1.1',
          from: 'BLOCKED',
          to: 'IN_PROGRESS',
          blockerId: 'B-2',
        }),
        event('AgentStatusChanged', { agent: 'dev', from: 'BLOCKED', to: 'ACTIVE' }),
      ]);
  });

  it('changes severity with from and to, and refuses to touch a resolved blocker', () => {
    given(history(raise('P2', 'dev')))
      .when({ kind: 'ChangeBlockerSeverity', blockerId: 'B-1', severity: 'P0', reason: 'worse' })
      .then([
        event('BlockerSeverityChanged', {
          blockerId: 'B-1',
          from: 'P2',
          to: 'P0',
          reason: 'worse',
        }),
      ]);
    given(history(raise('P2', 'dev'), resolve('B-1')))
      .when(resolve('B-1'))
      .thenRefused('INVALID_TRANSITION', 'blockerId');
  });
});

describe('tasks', () => {
  it('logs hours on a started task and keeps the total', () => {
    given(
      history(start('1.1', 'dev'), { kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 0.5 }),
    )
      .when({ kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 0.25 })
      .then([
        event('HoursLogged', {
          taskId: '1.1',
          agent: 'dev',
          hours: 0.25,
          totalHours: 0.75,
          note: null,
        }),
      ]);
  });

  it('refuses hours that are not positive or not plausible, and hours on a task not started', () => {
    for (const hours of [0, -1, 25, Number.NaN]) {
      given(history(start('1.1', 'dev')))
        .when({ kind: 'LogHours', taskId: '1.1', agent: 'dev', hours })
        .thenRefused('VALIDATION_FAILED', 'hours');
    }
    given(history())
      .when({ kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 1 })
      .thenRefused('INVALID_TRANSITION');
  });

  it('completes a task in progress; the phase and the agent follow', () => {
    const state = given(history(start('1.1', 'dev'), complete('1.1'), start('1.2', 'dev')))
      .when(complete('1.2'))
      .state();
    assert.equal(state.phases['1']?.status, 'COMPLETE');
    assert.equal(state.agents.dev?.status, 'ASSIGNED', 'dev still has 3.1 to do');
    given(history()).when(complete('1.1')).thenRefused('INVALID_TRANSITION');
  });

  it('calls an agent COMPLETE when all its tasks are', () => {
    const state = given(history(...phasesOneAndTwoDone, start('3.1', 'dev')))
      .when(complete('3.1'))
      .state();
    assert.equal(state.agents.dev?.status, 'COMPLETE');
    assert.equal(state.agents.qa?.status, 'COMPLETE');
  });

  it('reopens a complete task, which puts its phase back in progress', () => {
    given(history(start('1.1', 'dev'), complete('1.1'), start('1.2', 'dev'), complete('1.2')))
      .when({ kind: 'ReopenTask', taskId: '1.2', reason: 'regression' })
      .then([
        event('TaskReopened', {
          taskId: '1.2',
          from: 'COMPLETE',
          to: 'IN_PROGRESS',
          reason: 'regression',
        }),
        event('PhaseStatusChanged', { phase: 1, from: 'COMPLETE', to: 'IN_PROGRESS' }),
        event('AgentStatusChanged', { agent: 'dev', from: 'ASSIGNED', to: 'ACTIVE' }),
      ]);
    given(history(start('1.1', 'dev')))
      .when({ kind: 'ReopenTask', taskId: '1.1', reason: 'x' })
      .thenRefused('INVALID_TRANSITION');
  });

  it('reassigns to known agents only', () => {
    given(history())
      .when({ kind: 'ReassignTask', taskId: '2.1', assignees: ['dev'] })
      .then([event('TaskReassigned', { taskId: '2.1', from: ['qa'], to: ['dev'] })]);
    given(history())
      .when({ kind: 'ReassignTask', taskId: '2.1', assignees: ['ghost'] })
      .thenRefused('NOT_FOUND', 'assignees[0]');
  });
});

describe('agents', () => {
  it('is READY once it declared itself ready, and only once', () => {
    given(history())
      .when({ kind: 'DeclareAgentReady', agent: 'qa' })
      .then([
        event('AgentDeclaredReady', { agent: 'qa' }),
        event('AgentStatusChanged', { agent: 'qa', from: 'ASSIGNED', to: 'READY' }),
      ]);
    given(history({ kind: 'DeclareAgentReady', agent: 'qa' }))
      .when({ kind: 'DeclareAgentReady', agent: 'qa' })
      .thenRefused('INVALID_TRANSITION', 'agent');
  });
});

describe('issues', () => {
  const reported: SprintCommand = {
    kind: 'ReportIssue',
    severity: 'P1',
    title: 'Worker times out',
    phase: 1,
    assignee: 'dev',
  };
  const move = (to: 'OPEN' | 'IN_PROGRESS' | 'FIXED' | 'VALIDATED' | 'CLOSED'): SprintCommand => ({
    kind: 'MoveIssue',
    issueId: 'I-1',
    to,
  });

  it('moves OPEN -> IN_PROGRESS -> FIXED -> VALIDATED -> CLOSED', () => {
    const path = ['IN_PROGRESS', 'FIXED', 'VALIDATED', 'CLOSED'] as const;
    path.forEach((to, index) => {
      const from = index === 0 ? 'OPEN' : (path[index - 1] ?? 'OPEN');
      given(history(reported, ...path.slice(0, index).map(move)))
        .when(move(to))
        .then([event('IssueStatusChanged', { issueId: 'I-1', from, to, note: null })]);
    });
  });

  it('goes back to OPEN from FIXED or VALIDATED when validation fails', () => {
    given(history(reported, move('IN_PROGRESS'), move('FIXED')))
      .when(move('OPEN'))
      .thenTypes(['IssueStatusChanged']);
    given(history(reported, move('IN_PROGRESS'), move('FIXED'), move('VALIDATED')))
      .when(move('OPEN'))
      .thenTypes(['IssueStatusChanged']);
  });

  it('refuses any other move, naming the allowed ones', () => {
    const error = given(history(reported))
      .when(move('FIXED'))
      .thenRefused('INVALID_TRANSITION', 'to');
    assert.deepEqual(error.details?.allowed, ['IN_PROGRESS']);
    given(history(reported, move('IN_PROGRESS'), move('FIXED'), move('VALIDATED'), move('CLOSED')))
      .when(move('OPEN'))
      .thenRefused('INVALID_TRANSITION');
  });

  it('records who reported an issue, who must be an agent of the sprint', () => {
    given(history())
      .when({ ...reported, reportedBy: 'qa' })
      .then([
        event('IssueReported', {
          issueId: 'I-1',
          severity: 'P1',
          title: 'Worker times out',
          description: null,
          phase: 1,
          assignee: 'dev',
          reportedBy: 'qa',
        }),
      ]);
    given(history())
      .when({ ...reported, reportedBy: 'nobody' })
      .thenRefused('NOT_FOUND', 'reportedBy');
  });

  it('finds nothing by the names of object built-ins', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      given(history(reported))
        .when({ kind: 'MoveIssue', issueId: name, to: 'IN_PROGRESS' })
        .thenRefused('NOT_FOUND', 'issueId');
      given(history())
        .when({ kind: 'RecordQualityMetric', metric: name, value: '1' })
        .thenRefused('NOT_FOUND', 'metric');
      given(history())
        .when({ ...reported, assignee: name })
        .thenRefused('NOT_FOUND', 'assignee');
    }
  });

  it('numbers issues and reassigns them', () => {
    given(history(reported))
      .when({ kind: 'AssignIssue', issueId: 'I-1', assignee: 'qa' })
      .then([event('IssueAssigned', { issueId: 'I-1', from: 'dev', to: 'qa' })]);
    const state = given(history(reported)).when(reported).state();
    assert.deepEqual(Object.keys(state.issues), ['I-1', 'I-2']);
  });
});

describe('communications', () => {
  const message = (type: 'REQUEST' | 'QUESTION' | 'NOTIFICATION' | 'BLOCKER'): SprintCommand => ({
    kind: 'LogCommunication',
    from: 'qa',
    to: 'dev',
    subject: 'Worker',
    body: 'Is the worker up?',
    type,
  });

  it('logs every type, to an agent or to everyone', () => {
    for (const type of ['REQUEST', 'QUESTION', 'NOTIFICATION', 'BLOCKER'] as const) {
      given(history()).when(message(type)).thenTypes(['CommunicationLogged']);
    }
    given(history())
      .when({ ...message('NOTIFICATION'), to: null } as SprintCommand)
      .then([
        event('CommunicationLogged', {
          communicationId: 'C-1',
          from: 'qa',
          to: null,
          subject: 'Worker',
          body: 'Is the worker up?',
          communicationType: 'NOTIFICATION',
          replyTo: null,
        }),
      ]);
  });

  it('opens a blocker from a BLOCKER message in the same step, and only from one', () => {
    given(history(start('2.1', 'qa')))
      .when({ ...message('BLOCKER'), blocker: { severity: 'P1', taskId: '2.1' } } as SprintCommand)
      .thenTypes(['CommunicationLogged', 'BlockerRaised', 'TaskBlocked', 'AgentStatusChanged']);
    given(history())
      .when({ ...message('QUESTION'), blocker: { severity: 'P1' } } as SprintCommand)
      .thenRefused('VALIDATION_FAILED', 'blocker');
  });

  it('answers requests and questions, once', () => {
    for (const type of ['REQUEST', 'QUESTION'] as const) {
      given(history(message(type)))
        .when({
          kind: 'AnswerCommunication',
          communicationId: 'C-1',
          answeredBy: 'dev',
          answer: 'Yes',
        })
        .then([
          event('CommunicationAnswered', {
            communicationId: 'C-1',
            answeredBy: 'dev',
            answer: 'Yes',
          }),
        ]);
    }
    const answer: SprintCommand = {
      kind: 'AnswerCommunication',
      communicationId: 'C-1',
      answeredBy: 'dev',
      answer: 'Yes',
    };
    given(history(message('NOTIFICATION')))
      .when(answer)
      .thenRefused('INVALID_TRANSITION');
    given(history(message('QUESTION'), answer))
      .when(answer)
      .thenRefused('INVALID_TRANSITION');
  });
});

describe('checkpoints', () => {
  const pass: SprintCommand = { kind: 'PassCheckpoint', checkpointId: 'CP-1', result: 'runs' };

  it('passes only once its phase is complete', () => {
    given(history(start('1.1', 'dev')))
      .when(pass)
      .thenRefused('DEPENDENCY_NOT_MET', 'checkpointId');
    given(
      history(start('1.1', 'dev'), complete('1.1'), start('1.2', 'dev'), complete('1.2'), {
        kind: 'StartCheckpoint',
        checkpointId: 'CP-1',
      }),
    )
      .when(pass)
      .then([
        event('CheckpointPassed', {
          checkpointId: 'CP-1',
          from: 'IN_PROGRESS',
          to: 'PASSED',
          result: 'runs',
        }),
      ]);
  });

  it('fails only with a reason, and can be validated again after a failure', () => {
    given(history())
      .when({ kind: 'FailCheckpoint', checkpointId: 'CP-1', reason: ' ' })
      .thenRefused('VALIDATION_FAILED', 'reason');
    const failed = history({ kind: 'FailCheckpoint', checkpointId: 'CP-1', reason: 'worker down' });
    given(failed)
      .when({ kind: 'StartCheckpoint', checkpointId: 'CP-1' })
      .then([
        event('CheckpointStarted', { checkpointId: 'CP-1', from: 'FAILED', to: 'IN_PROGRESS' }),
      ]);
    given(failed).when(pass).thenRefused('INVALID_TRANSITION');
  });
});

describe('deliverables, risks, quality and the sprint itself', () => {
  it('completes and reopens deliverables', () => {
    given(history())
      .when({ kind: 'CompleteDeliverable', deliverableId: 'D-1' })
      .then([event('DeliverableCompleted', { deliverableId: 'D-1', from: false, to: true })]);
    given(history({ kind: 'CompleteDeliverable', deliverableId: 'D-1' }))
      .when({ kind: 'CompleteDeliverable', deliverableId: 'D-1' })
      .thenRefused('INVALID_TRANSITION');
    given(history({ kind: 'CompleteDeliverable', deliverableId: 'D-1' }))
      .when({ kind: 'ReopenDeliverable', deliverableId: 'D-1', reason: 'incomplete' })
      .thenTypes(['DeliverableReopened']);
  });

  it('moves risks and records quality metrics for known targets', () => {
    given(history())
      .when({ kind: 'ChangeRiskStatus', riskId: 'R-1', status: 'TRIGGERED', note: 'it happened' })
      .then([
        event('RiskStatusChanged', {
          riskId: 'R-1',
          from: 'ACTIVE',
          to: 'TRIGGERED',
          note: 'it happened',
        }),
      ]);
    given(history())
      .when({ kind: 'RecordQualityMetric', metric: 'Test Coverage', value: '84%' })
      .then([event('QualityMetricRecorded', { metric: 'Test Coverage', value: '84%' })]);
    given(history())
      .when({ kind: 'RecordQualityMetric', metric: 'Vibes', value: 'good' })
      .thenRefused('NOT_FOUND', 'metric');
  });

  it('completes an active sprint whose phases are all complete, and then takes nothing more', () => {
    const allDone = history(...phasesOneAndTwoDone, start('3.1', 'qa'), complete('3.1'));
    given(allDone)
      .when({ kind: 'CompleteSprint' })
      .then([event('SprintCompleted', { from: 'ACTIVE', to: 'COMPLETE' })]);
    given(history(start('1.1', 'dev')))
      .when({ kind: 'CompleteSprint' })
      .thenRefused('INVALID_TRANSITION');
    given(
      history(...phasesOneAndTwoDone, start('3.1', 'qa'), complete('3.1'), {
        kind: 'CompleteSprint',
      }),
    )
      .when(raise('P3', 'dev'))
      .thenRefused('INVALID_TRANSITION', 'sprintId');
  });
});
