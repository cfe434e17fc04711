import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { complete, phasesOneAndTwoDone, start } from '../../../test/builders/commands.js';

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
