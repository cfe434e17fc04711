import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, raise, start } from '../../../test/builders/commands.js';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { aSprintPlan } from '../../../test/builders/sprint-plan.builder.js';
import type { SprintPlan } from '../plan/plan-document.js';
import { planOf } from './plan-of.js';
import { describePlanChanges } from './plan-preview.js';
import { planChanges } from './plan-changes.js';
import type { ScopeCommand } from './scope.decide.js';

const apply = (plan: SprintPlan, reason?: string): ScopeCommand => ({
  kind: 'ApplyPlanChanges',
  plan,
  reason,
});

/** The test plan with its phases edited: each phase's tasks given by `tasks`. */
function withTasks(
  tasks: (phase: SprintPlan['phases'][number]) => SprintPlan['phases'][number]['tasks'],
) {
  const plan = aSprintPlan();
  return { ...plan, phases: plan.phases.map((phase) => ({ ...phase, tasks: tasks(phase) })) };
}

describe('re-applying a plan', () => {
  it('records nothing when the plan is the one the sprint holds', () => {
    given(history()).when(apply(aSprintPlan())).then([]);
    assert.deepEqual(planOf(given(history()).state ?? assert.fail()), aSprintPlan());
  });

  it('refuses a plan file that changes the clocks, which it could not record', () => {
    const plan = aSprintPlan();
    given(history())
      .when(apply({ ...plan, timing: { ...plan.timing, leaseSeconds: 60 } }))
      .thenRefused('VALIDATION_FAILED', 'plan.timing');
  });

  it('records an added task, a new estimate, a moved dependency and a cancellation, in that order', () => {
    const plan = withTasks((phase) => {
      if (phase.number === 1) {
        return [
          { ...(phase.tasks[0] ?? assert.fail()), estimateHours: 3 },
          { id: '1.3', title: 'Review', estimateHours: 2, assignees: ['dev'], dependsOn: ['1.1'] },
        ];
      }
      if (phase.number === 3) return [{ ...(phase.tasks[0] ?? assert.fail()), dependsOn: ['1.3'] }];
      return phase.tasks;
    });
    given(history())
      .when(apply(plan, 'review instead of a second pass'))
      .then([
        event('TaskAdded', {
          taskId: '1.3',
          title: 'Review',
          phase: 1,
          estimateHours: 2,
          estimateRange: null,
          assignees: ['dev'],
          dependsOn: ['1.1'],
        }),
        event('TaskReestimated', {
          taskId: '1.1',
          from: 1,
          to: 3,
          ranges: { from: null, to: null },
        }),
        event('TaskChanged', { taskId: '3.1', changes: { dependsOn: { from: [], to: ['1.3'] } } }),
        event('TaskCancelled', {
          taskId: '1.2',
          from: 'NOT_STARTED',
          to: 'CANCELLED',
          estimateHours: 2,
          reason: 'review instead of a second pass',
        }),
      ]);
  });

  it('reads a renamed id as a cancellation and an addition, and the preview says so', () => {
    const plan = withTasks((phase) =>
      phase.tasks.map((task) => (task.id === '2.1' ? { ...task, id: '2.1a' } : task)),
    );
    const state = given(history()).state ?? assert.fail();
    const changes = describePlanChanges(state, planChanges(state, plan, 'renamed'));
    assert.deepEqual(
      changes.map(({ event: type, action, id }) => [type, action, id]),
      [
        ['TaskAdded', 'ADDED', '2.1a'],
        ['TaskCancelled', 'CANCELLED', '2.1'],
      ],
    );
    assert.ok(changes.every((change) => change.note?.includes('reads as cancelling 2.1')));
    assert.deepEqual(changes[1]?.hoursDelta, -1);
  });
});

describe('re-applying a plan that breaks a rule', () => {
  it('refuses what the import would refuse, naming the field, and what the sprint has made final', () => {
    const cycle = withTasks((phase) =>
      phase.tasks.map((task) => (task.id === '1.1' ? { ...task, dependsOn: ['1.2'] } : task)),
    );
    given(history()).when(apply(cycle)).thenRefused('VALIDATION_FAILED', 'plan.phases');
    const unknown = withTasks((phase) =>
      phase.tasks.map((task) => (task.id === '2.1' ? { ...task, assignees: ['nobody'] } : task)),
    );
    given(history())
      .when(apply(unknown))
      .thenRefused('VALIDATION_FAILED', 'plan.phases[1].tasks[0].assignees[0]');
    given(history())
      .when(apply({ ...aSprintPlan(), key: 'other' }))
      .thenRefused('VALIDATION_FAILED', 'plan.key');

    const cancelled = history({ kind: 'CancelTask', taskId: '1.2', reason: 'not needed' });
    given(cancelled)
      .when(apply(aSprintPlan()))
      .thenRefused('VALIDATION_FAILED', 'plan.phases[0].tasks[1].id');
    const base = aSprintPlan();
    const phasesTwoAndThree = {
      ...base,
      phases: base.phases
        .slice(1)
        .map((phase) => ({ ...phase, dependsOn: phase.dependsOn.filter((n) => n !== 1) })),
      deliverables: [],
      checkpoints: [],
    };
    given(history(start('1.1', 'dev')))
      .when(apply(phasesTwoAndThree))
      .thenRefused('INVALID_TRANSITION', 'plan.phases');
    const without12 = withTasks((phase) => phase.tasks.filter((task) => task.id !== '1.2'));
    const blocked = given(history(raise('P2', 'dev', '1.2')))
      .when(apply(without12))
      .thenRefused('INVALID_TRANSITION', 'plan.phases');
    assert.match(blocked.message, /open blocker B-1/);
  });
});

describe('re-applying a plan with other agents', () => {
  it('retires an agent with no open work, and adds one', () => {
    const plan = aSprintPlan({
      agents: [
        ...aSprintPlan().agents,
        { name: 'ops', role: 'Operator', backup: null, criticalDependencies: [] },
      ],
    });
    given(history())
      .when(apply(plan))
      .then([
        event('AgentAdded', {
          agent: 'ops',
          role: 'Operator',
          backup: null,
          criticalDependencies: [],
        }),
      ]);
    const retired = history(apply(plan));
    const back = aSprintPlan();
    given(retired)
      .when(apply(back, 'not needed'))
      .then([
        event('AgentRetired', {
          agent: 'ops',
          from: 'ASSIGNED',
          to: 'RETIRED',
          reason: 'not needed',
        }),
      ]);
  });
});

describe('changing one task', () => {
  it('adds a task to a phase, refusing with the mutation’s own field names', () => {
    const task = { id: '2.2', title: 'Smoke test', estimateHours: 1.5, assignees: ['qa'] };
    given(history()).when({ kind: 'AddTask', phase: 2, task }).thenTypes(['TaskAdded']);
    given(history())
      .when({ kind: 'AddTask', phase: 2, task: { ...task, estimateHours: -1 } })
      .thenRefused('VALIDATION_FAILED', 'task.estimateHours');
    given(history())
      .when({ kind: 'AddTask', phase: 2, task: { ...task, assignees: ['ghost'] } })
      .thenRefused('VALIDATION_FAILED', 'task.assignees[0]');
    given(history()).when({ kind: 'AddTask', phase: 9, task }).thenRefused('NOT_FOUND', 'phase');
    given(history())
      .when({ kind: 'AddTask', phase: 2, task: { ...task, id: '1.1' } })
      .thenRefused('ALREADY_EXISTS', 'task.id');
  });

  it('re-estimates, moves and re-links a task, and refuses a change that changes nothing or closes a cycle', () => {
    given(history())
      .when({ kind: 'ChangeTask', taskId: '1.2', estimateHours: 4 })
      .then([
        event('TaskReestimated', {
          taskId: '1.2',
          from: 2,
          to: 4,
          ranges: { from: null, to: null },
        }),
      ]);
    given(history())
      .when({ kind: 'ChangeTask', taskId: '1.2', phase: 2, dependsOn: [] })
      .then([
        event('TaskChanged', {
          taskId: '1.2',
          changes: { phase: { from: 1, to: 2 }, dependsOn: { from: ['1.1'], to: [] } },
        }),
      ]);
    given(history())
      .when({ kind: 'ChangeTask', taskId: '2.1', phase: 1 })
      .thenRefused('INVALID_TRANSITION', 'phase');
    given(history())
      .when({ kind: 'ChangeTask', taskId: '1.2', estimateHours: 2 })
      .thenRefused('VALIDATION_FAILED', 'taskId');
    given(history())
      .when({ kind: 'ChangeTask', taskId: '1.1', dependsOn: ['1.2'] })
      .thenRefused('VALIDATION_FAILED', 'dependsOn');
  });

  it('cancels a task: it leaves the plan and its dependents, and its phase completes without it', () => {
    given(history(start('1.1', 'dev'), complete('1.1')))
      .when({ kind: 'CancelTask', taskId: '1.2', reason: 'folded into 1.1' })
      .then([
        event('TaskCancelled', {
          taskId: '1.2',
          from: 'NOT_STARTED',
          to: 'CANCELLED',
          estimateHours: 2,
          reason: 'folded into 1.1',
        }),
        event('PhaseStatusChanged', { phase: 1, from: 'IN_PROGRESS', to: 'COMPLETE' }),
      ]);
    const cancelled = history({ kind: 'CancelTask', taskId: '1.1', reason: 'not needed' });
    const state = given(cancelled).state ?? assert.fail();
    assert.deepEqual(state.tasks['1.2']?.dependsOn, []);
    given(cancelled).when(start('1.1', 'dev')).thenRefused('INVALID_TRANSITION', 'taskId');
    given(cancelled)
      .when({ kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 1 })
      .thenRefused('INVALID_TRANSITION', 'taskId');
    given(cancelled)
      .when(raise('P2', 'dev', '1.1'))
      .thenRefused('INVALID_TRANSITION', 'taskId');
    given(cancelled)
      .when({ kind: 'CancelTask', taskId: '1.1', reason: 'again' })
      .thenRefused('INVALID_TRANSITION', 'taskId');
    given(history())
      .when({ kind: 'CancelTask', taskId: '2.1', reason: 'the last of its phase' })
      .thenRefused('INVALID_TRANSITION', 'taskId');
  });
});

describe('cancelling a sprint', () => {
  it('ends it for writes, with its reason', () => {
    given(history(start('1.1', 'dev')))
      .when({ kind: 'CancelSprint', reason: 'priorities changed' })
      .then([
        event('SprintCancelled', { from: 'ACTIVE', to: 'CANCELLED', reason: 'priorities changed' }),
      ]);
    const cancelled = history({ kind: 'CancelSprint', reason: 'priorities changed' });
    const state = given(cancelled).state ?? assert.fail();
    assert.equal(state.status, 'CANCELLED');
    assert.equal(state.cancelReason, 'priorities changed');
    given(cancelled).when(start('1.1', 'dev')).thenRefused('INVALID_TRANSITION', 'sprintId');
    given(cancelled)
      .when({ kind: 'CancelSprint', reason: 'again' })
      .thenRefused('INVALID_TRANSITION', 'sprintId');
    given(history())
      .when({ kind: 'CancelSprint', reason: ' ' })
      .thenRefused('VALIDATION_FAILED', 'reason');
  });
});
