import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, start } from '../../test/builders/commands.js';
import { history, minutesLater, now } from '../../test/builders/given-when-then.js';
import { rowsOf } from '../../test/builders/sprint-rows.builder.js';
import { computeAfresh } from '../read-models/sprint-rows.js';
import { forecastOf } from './forecast.js';

const logged = (taskId: string, agent: string, hours: number) =>
  ({ kind: 'LogHours', taskId, agent, hours }) as const;

describe('the forecast', () => {
  it('is the remaining critical path at the estimates while nothing is finished', () => {
    // The test plan: 1.1 (1h) -> 1.2 (2h), 2.1 (1h), then 3.1 (1h): 4 hours on the path.
    const forecast = forecastOf(rowsOf(history(start('1.1', 'dev'))), now, computeAfresh);
    assert.equal(forecast.observedTasks, 0);
    assert.equal(forecast.remainingHoursP50, 4);
    assert.equal(forecast.remainingHoursP90, 4);
    assert.equal(forecast.finishP50, minutesLater(240));
    assert.deepEqual(forecast.drivers, ['1.1', '1.2', '3.1']);
  });

  it('scales what is left by how long the finished work took against its estimate', () => {
    // dev took 2h for 1.1 (1h): twice its estimate; 1.2 (2h) and 3.1 (1h) follow at 2x.
    const events = history(start('1.1', 'dev'), logged('1.1', 'dev', 2), complete('1.1'));
    const forecast = forecastOf(rowsOf(events), now, computeAfresh);
    assert.equal(forecast.observedTasks, 1);
    assert.equal(forecast.medianRatio, 2);
    assert.equal(forecast.remainingHoursP50, 6);
    assert.deepEqual(forecast.drivers, ['1.2', '3.1']);
  });

  it('spreads P50 and P90 over the ratios observed, and is the same for the same version', () => {
    // dev finished two tasks of 1h, one in half the time, one in three times: what is left of
    // its work may go either way.
    const events = history(
      {
        kind: 'AddTask',
        phase: 1,
        task: { id: '1.0', title: 'Spike', estimateHours: 1, assignees: ['dev'] },
      },
      start('1.1', 'dev'),
      logged('1.1', 'dev', 0.5),
      complete('1.1'),
      start('1.0', 'dev'),
      logged('1.0', 'dev', 3),
      complete('1.0'),
    );
    const rows = rowsOf(events);
    const forecast = forecastOf(rows, now, computeAfresh);
    assert.ok(forecast.remainingHoursP50 <= forecast.remainingHoursP90);
    assert.ok(forecast.remainingHoursP90 > forecast.remainingHoursP50, 'the two ratios spread it');
    assert.deepEqual(forecastOf(rows, now, computeAfresh), forecast);
  });

  it('gives no finish time before the sprint starts', () => {
    const forecast = forecastOf(rowsOf(history()), now, computeAfresh);
    assert.equal(forecast.finishP50, null);
    assert.equal(forecast.remainingHoursP50, 4);
  });
});
