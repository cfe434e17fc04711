import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { aSprintPlan } from '../../../test/builders/sprint-plan.builder.js';
import { complete, phasesOneAndTwoDone, raise, start } from '../../../test/builders/commands.js';

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

describe('the sprint itself', () => {
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
