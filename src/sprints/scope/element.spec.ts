import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, start } from '../../../test/builders/commands.js';
import { event, given, history } from '../../../test/builders/given-when-then.js';

const task = { id: '4.1', title: 'Hand over', estimateHours: 1, assignees: ['dev'] };
const phase = { number: 4, name: 'Close', estimateHours: { min: 1, max: 2 }, dependsOn: [3] };

describe('changing one phase', () => {
  it('adds a phase with its first task, refusing under the mutation’s own field names', () => {
    given(history())
      .when({ kind: 'AddPhase', phase, tasks: [task] })
      .then([
        event('PhaseAdded', {
          phase: 4,
          name: 'Close',
          estimateHours: { min: 1, max: 2 },
          dependsOn: [3],
          criticalPath: false,
          riskLevel: null,
        }),
        event('TaskAdded', {
          taskId: '4.1',
          title: 'Hand over',
          phase: 4,
          estimateHours: 1,
          estimateRange: null,
          assignees: ['dev'],
          dependsOn: [],
        }),
      ]);
    given(history())
      .when({ kind: 'AddPhase', phase: { ...phase, number: 1 }, tasks: [task] })
      .thenRefused('ALREADY_EXISTS', 'phase.number');
    given(history())
      .when({ kind: 'AddPhase', phase, tasks: [{ ...task, estimateHours: -2 }] })
      .thenRefused('VALIDATION_FAILED', 'tasks[0].estimateHours');
    given(history())
      .when({ kind: 'AddPhase', phase, tasks: [] })
      .thenRefused('VALIDATION_FAILED', 'tasks');
  });

  it('changes a phase, and refuses a dependency that closes a cycle or a change of nothing', () => {
    given(history())
      .when({ kind: 'ChangePhase', phase: 2, name: 'Prepare the lab' })
      .then([
        event('PhaseChanged', {
          phase: 2,
          changes: { name: { from: 'Prepare', to: 'Prepare the lab' } },
        }),
      ]);
    given(history())
      .when({ kind: 'ChangePhase', phase: 1, dependsOn: [3] })
      .thenRefused('VALIDATION_FAILED', 'dependsOn');
    given(history())
      .when({ kind: 'ChangePhase', phase: 2, name: 'Prepare' })
      .thenRefused('VALIDATION_FAILED', 'phase');
  });

  it('cancels a phase not started with its tasks, out of what depended on it', () => {
    given(history())
      .when({ kind: 'CancelPhase', phase: 2, reason: 'the lab exists' })
      .thenTypes(['PhaseChanged', 'TaskCancelled', 'PhaseCancelled']);
    const state = given(history({ kind: 'CancelPhase', phase: 2, reason: 'the lab exists' })).state;
    assert.ok(state);
    assert.deepEqual(state.phases['3']?.dependsOn, [1]);
    assert.equal(state.phases['2']?.status, 'CANCELLED');
    given(history(start('2.1', 'qa')))
      .when({ kind: 'CancelPhase', phase: 2, reason: 'too late' })
      .thenRefused('INVALID_TRANSITION', 'phase');
    // Deliverable D-1 and checkpoint CP-1 name phase 1.
    given(history())
      .when({ kind: 'CancelPhase', phase: 1, reason: 'no' })
      .thenRefused('VALIDATION_FAILED', 'phase');
  });
});

describe('changing one agent', () => {
  it('adds and changes an agent', () => {
    given(history())
      .when({ kind: 'AddAgent', agent: { name: 'ops', role: 'Operator' } })
      .then([
        event('AgentAdded', {
          agent: 'ops',
          role: 'Operator',
          backup: null,
          criticalDependencies: [],
        }),
      ]);
    given(history())
      .when({ kind: 'AddAgent', agent: { name: 'dev', role: 'Again' } })
      .thenRefused('ALREADY_EXISTS', 'agent.name');
    given(history())
      .when({ kind: 'AddAgent', agent: { name: 'Not A Name', role: 'Operator' } })
      .thenRefused('VALIDATION_FAILED', 'agent.name');
    given(history())
      .when({ kind: 'ChangeAgent', agent: 'qa', backup: 'qa-backup' })
      .then([
        event('AgentChanged', {
          agent: 'qa',
          changes: { backup: { from: null, to: 'qa-backup' } },
        }),
      ]);
    given(history())
      .when({ kind: 'ChangeAgent', agent: 'qa', role: 'Tester' })
      .thenRefused('VALIDATION_FAILED', 'agent');
  });

  it('retires an agent whose tasks are done or handed on, and no other', () => {
    given(history())
      .when({ kind: 'RetireAgent', agent: 'qa', reason: 'moved on' })
      .thenRefused('INVALID_TRANSITION', 'agent');
    const done = history(start('2.1', 'qa'), complete('2.1'), {
      kind: 'ReassignTask',
      taskId: '3.1',
      assignees: ['dev'],
    });
    given(done)
      .when({ kind: 'RetireAgent', agent: 'qa', reason: 'moved on' })
      .then([
        event('AgentRetired', { agent: 'qa', from: 'COMPLETE', to: 'RETIRED', reason: 'moved on' }),
      ]);
    const retired = history(
      start('2.1', 'qa'),
      complete('2.1'),
      { kind: 'ReassignTask', taskId: '3.1', assignees: ['dev'] },
      { kind: 'RetireAgent', agent: 'qa', reason: 'moved on' },
    );
    // Its completed task keeps it as assignee, and the plan still changes.
    given(retired)
      .when({ kind: 'ChangeTask', taskId: '3.1', estimateHours: 2 })
      .thenTypes(['TaskReestimated']);
    given(retired)
      .when({ kind: 'ChangeAgent', agent: 'qa', role: 'x' })
      .thenRefused('INVALID_TRANSITION', 'agent');
  });
});
