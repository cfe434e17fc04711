import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, start } from '../../test/builders/commands.js';
import { history } from '../../test/builders/given-when-then.js';
import { rowsOf } from '../../test/builders/sprint-rows.builder.js';
import { scopeChangesOf, scopeOf } from './scope-metrics.js';

describe('the baseline and the burndown through scope changes', () => {
  it('keeps the plan at the start as the baseline and moves the scope line where it changed', () => {
    // The test plan: 1.1 (1h), 1.2 (2h), 2.1 (1h), 3.1 (1h).
    const events = history(
      {
        kind: 'AddTask',
        phase: 1,
        task: { id: '1.0', title: 'Spike', estimateHours: 1, assignees: ['dev'] },
      },
      start('1.1', 'dev'),
      complete('1.1'),
      {
        kind: 'AddTask',
        phase: 2,
        task: { id: '2.2', title: 'Smoke', estimateHours: 2, assignees: ['qa'] },
      },
      { kind: 'ChangeTask', taskId: '1.2', estimateHours: 3 },
      { kind: 'CancelTask', taskId: '2.1', reason: 'covered by 2.2' },
      { kind: 'ChangeTask', taskId: '1.1', estimateHours: 2 },
    );
    const rows = rowsOf(events);
    const { metrics, burndown } = scopeOf(rows);
    // 1.0 came before the start: it is part of the baseline, not a change.
    assert.deepEqual(metrics, {
      baselineHours: 6,
      currentHours: 9,
      addedHours: 4,
      removedHours: 1,
      changes: 4,
    });
    assert.deepEqual(
      burndown.map(({ remainingHours, completedHours, scopeHours }) => [
        remainingHours,
        completedHours,
        scopeHours,
      ]),
      [
        [6, 0, 6], // started
        [5, 1, 6], // 1.1 complete
        [7, 1, 8], // 2.2 added
        [8, 1, 9], // 1.2 re-estimated 2 -> 3
        [7, 1, 8], // 2.1 cancelled
        [7, 2, 9], // 1.1, already complete, re-estimated 1 -> 2
      ],
    );
    assert.deepEqual(
      scopeChangesOf(rows).map(({ event, subject, hoursDelta }) => [event, subject, hoursDelta]),
      [
        ['TaskReestimated', '1.1', 1],
        ['TaskCancelled', '2.1', -1],
        ['TaskReestimated', '1.2', 1],
        ['TaskAdded', '2.2', 2],
        ['TaskAdded', '1.0', 1],
      ],
    );
  });

  it('has no baseline before the sprint starts, and a burndown of one point', () => {
    const { metrics, burndown } = scopeOf(rowsOf(history()));
    assert.equal(metrics.baselineHours, null);
    assert.equal(metrics.currentHours, 5);
    assert.deepEqual(
      burndown.map((point) => point.remainingHours),
      [5],
    );
  });
});
