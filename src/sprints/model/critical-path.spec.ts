import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { criticalPath, type PathTask } from './critical-path.js';

const task = (
  id: string,
  hours: number,
  dependsOn: string[] = [],
  more: Partial<PathTask> = {},
): PathTask => ({
  id,
  phase: 1,
  estimateHours: hours,
  actualHours: 0,
  status: 'NOT_STARTED',
  dependsOn,
  ...more,
});
const onePhase = [{ number: 1, dependsOn: [] }];
const schedule = (path: ReturnType<typeof criticalPath>) =>
  Object.fromEntries(
    path.tasks.map((scheduled) => [
      scheduled.taskId,
      [
        scheduled.earliestStart,
        scheduled.earliestFinish,
        scheduled.latestStart,
        scheduled.latestFinish,
        scheduled.slack,
      ],
    ]),
  );

describe('critical path', () => {
  it('of a chain is the chain', () => {
    const path = criticalPath([task('A', 1), task('B', 2, ['A']), task('C', 3, ['B'])], onePhase);
    assert.equal(path.totalHours, 6);
    assert.deepEqual(schedule(path), {
      A: [0, 1, 0, 1, 0],
      B: [1, 3, 1, 3, 0],
      C: [3, 6, 3, 6, 0],
    });
    assert.deepEqual(path.chains, [['A', 'B', 'C']]);
    assert.deepEqual(
      path.tasks.map((scheduled) => scheduled.drivenBy),
      [null, 'A', 'B'],
    );
  });

  it('of a diamond takes the longer side, and the shorter one has slack', () => {
    const path = criticalPath(
      [task('A', 1), task('B', 2, ['A']), task('C', 1, ['A']), task('D', 1, ['B', 'C'])],
      onePhase,
    );
    assert.equal(path.totalHours, 4);
    assert.deepEqual(schedule(path), {
      A: [0, 1, 0, 1, 0],
      B: [1, 3, 1, 3, 0],
      C: [1, 2, 2, 3, 1],
      D: [3, 4, 3, 4, 0],
    });
    assert.deepEqual(path.chains, [['A', 'B', 'D']]);
    assert.equal(path.tasks.find((scheduled) => scheduled.taskId === 'D')?.drivenBy, 'B');
  });

  it('of parallel branches is the longest branch, and both chains when they tie', () => {
    const path = criticalPath([task('A', 2), task('B', 3), task('C', 1, ['A'])], onePhase);
    assert.equal(path.totalHours, 3);
    assert.deepEqual(schedule(path), {
      A: [0, 2, 0, 2, 0],
      B: [0, 3, 0, 3, 0],
      C: [2, 3, 2, 3, 0],
    });
    assert.deepEqual(path.chains, [['A', 'C'], ['B']]);
    const uneven = criticalPath([task('A', 2), task('B', 5)], onePhase);
    assert.deepEqual(uneven.chains, [['B']]);
    assert.equal(uneven.tasks[0]?.slack, 3);
  });

  it('follows phase dependencies as well as task dependencies', () => {
    const path = criticalPath(
      [task('1.1', 2), { ...task('2.1', 1), phase: 2 }, { ...task('3.1', 1), phase: 3 }],
      [
        { number: 1, dependsOn: [] },
        { number: 2, dependsOn: [] },
        { number: 3, dependsOn: [1, 2] },
      ],
    );
    assert.equal(path.totalHours, 3);
    assert.deepEqual(path.chains, [['1.1', '3.1']]);
  });
});

describe('critical path against a target and at size', () => {
  it('goes negative against a target that a late task has made impossible', () => {
    const late = task('B', 2, ['A'], { status: 'IN_PROGRESS', actualHours: 4 });
    const path = criticalPath(
      [task('A', 1, [], { status: 'COMPLETE', actualHours: 1 }), late, task('C', 1, ['B'])],
      onePhase,
      5,
    );
    assert.equal(path.totalHours, 6, 'B took 4 hours, not 2');
    assert.equal(path.targetHours, 5);
    assert.deepEqual(schedule(path), {
      A: [0, 1, -1, 0, -1],
      B: [1, 5, 0, 4, -1],
      C: [5, 6, 4, 5, -1],
    });
    assert.deepEqual(path.chains, [['A', 'B', 'C']]);
    assert.equal(path.hoursDone, 5);
    assert.equal(path.percentDone, 83.3);
  });

  it('of 10,000 tasks, 20 phases of 500 in a row, through each phase’s longest tasks', () => {
    const tasks = Array.from({ length: 20 }, (_, p) =>
      Array.from({ length: 500 }, (_, k) => ({
        ...task(`${p + 1}.${k}`, 1 + (k % 3)),
        phase: p + 1,
      })),
    ).flat();
    const phases = Array.from({ length: 20 }, (_, p) => ({
      number: p + 1,
      dependsOn: p === 0 ? [] : [p],
    }));
    const path = criticalPath(tasks, phases);
    assert.equal(path.totalHours, 60);
    const scheduled = new Map(path.tasks.map((entry) => [entry.taskId, entry]));
    assert.deepEqual(scheduled.get('2.0'), {
      taskId: '2.0',
      durationHours: 1,
      earliestStart: 3,
      earliestFinish: 4,
      latestStart: 5,
      latestFinish: 6,
      slack: 2,
      critical: false,
      drivenBy: '1.2',
    });
    assert.equal(scheduled.get('20.2')?.critical, true);
    assert.equal(path.tasks.filter((entry) => entry.critical).length, 20 * 166);
    assert.equal(path.chains.length, 10, 'a few of the 166^20 critical chains');
    assert.deepEqual(path.chains[0]?.slice(0, 3), ['1.2', '2.2', '3.2']);
  });
});
