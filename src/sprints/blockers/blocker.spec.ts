import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { complete, raise, resolve, start } from '../../../test/builders/commands.js';

describe('blockers that stop starts', () => {
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
});

describe('blockers on a task', () => {
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
