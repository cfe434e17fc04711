import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { event, history } from '../../test/builders/given-when-then.js';
import { aSprintPlan } from '../../test/builders/sprint-plan.builder.js';
import { evolve, fold } from './sprint.js';
import { insert, update, withinFold } from './model/state.js';

describe('folding events into state', () => {
  const events = history(
    { kind: 'StartTask', taskId: '1.1', agent: 'dev' },
    { kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 1 },
    { kind: 'RaiseBlocker', severity: 'P2', agent: 'dev', taskId: '1.1', description: 'x' },
    { kind: 'ReportIssue', severity: 'P1', title: 'slow', phase: 1, assignee: 'qa' },
    { kind: 'LogCommunication', from: 'dev', subject: 's', body: 'b', type: 'NOTIFICATION' },
  );

  it('gives what evolving one event at a time gives, and leaves the state it started from alone', () => {
    const start = fold(null, events.slice(0, 3));
    const kept = structuredClone(start);
    const folded = fold(start, events.slice(3));
    const stepwise = events.slice(3).reduce(evolve, start);
    assert.deepEqual(folded, stepwise);
    assert.deepEqual(start, kept, 'the state folded from is unchanged');
  });

  it('keeps every record no event changed as the same object', () => {
    const start = fold(null, events.slice(0, 1));
    // SprintStarted and TaskStarted: one task changes, the agents wait for AgentStatusChanged.
    const next = fold(start, events.slice(1, 3));
    assert.equal(next.tasks['1.2'], start.tasks['1.2']);
    assert.notEqual(next.tasks['1.1'], start.tasks['1.1']);
    assert.equal(next.agents, start.agents, 'a map no event touched is shared');
  });

  it('copies a map once per fold and changes it in place after, never outside a fold', () => {
    const records: Readonly<Record<string, number>> = { a: 1 };
    const outside = update(records, 'a', (value) => value + 1);
    assert.notEqual(outside, records);
    assert.deepEqual(records, { a: 1 });
    withinFold(() => {
      const first = insert(records, 'b', 2);
      const second = update(first, 'a', (value) => value + 10);
      assert.notEqual(first, records);
      assert.equal(second, first, 'the fold’s own copy is changed in place');
      assert.deepEqual(second, { a: 11, b: 2 });
    });
    assert.deepEqual(records, { a: 1 });
  });

  it('keeps a record named __proto__ a record of its own', () => {
    const plan = aSprintPlan({ qualityTargets: [{ metric: '__proto__', target: '1' }] });
    const state = fold(null, [
      event('SprintPlanned', { plan }),
      event('QualityMetricRecorded', { metric: '__proto__', value: '2' }),
    ]);
    assert.ok(Object.hasOwn(state.qualityTargets, '__proto__'));
    assert.equal(Object.getPrototypeOf(state.qualityTargets), Object.prototype);
    assert.equal(Object.values(state.qualityTargets)[0]?.actual, '2');
  });
});
