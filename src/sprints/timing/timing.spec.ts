import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  at,
  event,
  given,
  history,
  historyOf,
  minutesLater,
  stateOf,
} from '../../../test/builders/given-when-then.js';
import {
  claim,
  heartbeat,
  passTime,
  phasesOneAndTwoDone,
  raise,
  release,
  start,
} from '../../../test/builders/commands.js';
import { aSprintPlan } from '../../../test/builders/sprint-plan.builder.js';
import { criticalPath } from '../model/critical-path.js';
import type { SprintState } from '../model/state.js';
import { isSlow, nextDeadline } from './clocks.js';
import { readyTasks } from './ready-queue.js';

/** The default lease: 300 s, so 5 minutes; half of it is 2.5. */
const expiresAt = minutesLater(5);

function queueOf(state: SprintState, agent: string): string[] {
  const tasks = Object.values(state.tasks);
  const phases = Object.values(state.phases);
  const path = criticalPath(tasks, phases, state.targetHours.max);
  const source = { tasks, phases, blockers: Object.values(state.blockers) };
  return readyTasks(source, agent, path).map(({ task }) => task.id);
}

describe('claiming a task', () => {
  it('starts a task from the queue with a lease of the plan’s length', () => {
    given(history())
      .when(claim('1.1', 'dev'))
      .then([
        event('SprintStarted', { from: 'PLANNED', to: 'ACTIVE' }),
        event('TaskStarted', {
          taskId: '1.1',
          agent: 'dev',
          from: 'NOT_STARTED',
          to: 'IN_PROGRESS',
          forcedReason: null,
        }),
        event('TaskClaimed', { taskId: '1.1', agent: 'dev', leaseSeconds: 300, expiresAt }),
        event('PhaseStatusChanged', { phase: 1, from: 'NOT_STARTED', to: 'IN_PROGRESS' }),
        event('AgentStatusChanged', { agent: 'dev', from: 'ASSIGNED', to: 'ACTIVE' }),
      ]);
  });

  it('lets exactly one of two agents claim a task', () => {
    const error = given(history(...phasesOneAndTwoDone, claim('3.1', 'dev')))
      .when(claim('3.1', 'qa'))
      .thenRefused('ALREADY_CLAIMED', 'taskId');
    assert.deepEqual(error.details, { holder: 'dev', expiresAt });
  });

  it('keeps the rules of starting: dependencies, blockers, assignees', () => {
    given(history()).when(claim('1.2', 'dev')).thenRefused('DEPENDENCY_NOT_MET', 'taskId');
    given(history(raise('P0', 'qa')))
      .when(claim('1.1', 'dev'))
      .thenRefused('BLOCKED');
    given(history()).when(claim('1.1', 'qa')).thenRefused('VALIDATION_FAILED', 'agent');
  });

  it('takes a lease on a task its agent started without one; another agent may not', () => {
    given(history(start('1.1', 'dev')))
      .when(claim('1.1', 'dev'))
      .thenTypes(['TaskClaimed']);
    given(history(...phasesOneAndTwoDone, start('3.1', 'qa')))
      .when(claim('3.1', 'dev'))
      .thenRefused('ALREADY_CLAIMED');
  });

  it('renews when its holder claims again', () => {
    given(history(claim('1.1', 'dev')))
      .when(claim('1.1', 'dev'), minutesLater(1))
      .thenTypes(['TaskLeaseRenewed']);
  });
});

describe('heartbeats', () => {
  it('record nothing in the first half of the lease, and renew it after', () => {
    const claimed = history(claim('1.1', 'dev'));
    given(claimed).when(heartbeat('1.1', 'dev'), minutesLater(2)).then([]);
    const [renewed] = given(claimed).when(heartbeat('1.1', 'dev'), minutesLater(3)).events();
    assert.equal(renewed?.type, 'TaskLeaseRenewed');
    assert.equal(renewed.data.expiresAt, minutesLater(8));
  });

  it('record a new progress note at once, and the same note only with a renewal', () => {
    const noted = history(
      claim('1.1', 'dev'),
      at(minutesLater(1), heartbeat('1.1', 'dev', 'half')),
    );
    assert.equal(stateOf(noted).tasks['1.1']?.lease?.note, 'half');
    given(noted)
      .when(heartbeat('1.1', 'dev', 'half'), minutesLater(2))
      .then([]);
  });

  it('are refused once the lease ran out, or from an agent not holding it', () => {
    const claimed = history(claim('1.1', 'dev'));
    given(claimed).when(heartbeat('1.1', 'dev'), minutesLater(5)).thenRefused('LEASE_LOST');
    given(history(...phasesOneAndTwoDone, claim('3.1', 'dev')))
      .when(heartbeat('3.1', 'qa'))
      .thenRefused('LEASE_LOST', 'taskId');
  });
});

describe('a lease running out', () => {
  it('is recorded once, as due, and sends the task back to the queue', () => {
    const claimed = history(claim('1.1', 'dev'));
    given(claimed).when(passTime, minutesLater(4)).then([]);
    const expired = given(claimed).when(passTime, minutesLater(6));
    assert.deepEqual(
      expired.events().map(({ type }) => type),
      ['TaskLeaseExpired', 'PhaseStatusChanged', 'AgentStatusChanged'],
    );
    const [first] = expired.events();
    assert.deepEqual(first?.data, {
      taskId: '1.1',
      agent: 'dev',
      from: 'IN_PROGRESS',
      to: 'NOT_STARTED',
      expiredAt: expiresAt,
      expiries: 1,
      flagged: false,
      at: minutesLater(6),
    });
    const after = expired.state();
    assert.equal(after.tasks['1.1']?.status, 'NOT_STARTED');
    assert.equal(after.tasks['1.1'].lease, null);
    assert.equal(after.agents.dev?.unresponsiveSince, expiresAt);
    assert.deepEqual(queueOf(after, 'dev'), ['1.1']);
    given(history(claim('1.1', 'dev'), at(minutesLater(6), passTime)))
      .when(passTime, minutesLater(7))
      .then([]);
  });

  it('opens the task to every agent of the sprint: another may claim it, and joins its assignees', () => {
    const expired = history(claim('1.1', 'dev'), at(minutesLater(6), passTime));
    const state = stateOf(expired);
    assert.deepEqual(queueOf(state, 'qa'), ['1.1', '2.1']);
    const taken = given(expired).when(claim('1.1', 'qa'), minutesLater(7));
    assert.deepEqual(
      taken.events().map(({ type }) => type),
      ['TaskReassigned', 'TaskStarted', 'TaskClaimed', 'PhaseStatusChanged', 'AgentStatusChanged'],
    );
    const after = taken.state();
    assert.deepEqual(after.tasks['1.1']?.assignees, ['dev', 'qa']);
    assert.equal(after.tasks['1.1'].lease?.agent, 'qa');
    assert.equal(after.tasks['1.1'].leaseExpiries, 1, 'the count of lost leases stays');
  });

  it('after three times leaves the task to the coordinator, until it reassigns it', () => {
    const lost = (minutes: number) => [
      at(minutesLater(minutes), claim('1.1', 'dev')),
      at(minutesLater(minutes + 6), passTime),
    ];
    const thrice = history(...lost(0), ...lost(10), ...lost(20));
    const state = stateOf(thrice);
    assert.equal(state.tasks['1.1']?.leaseExpiries, 3);
    assert.deepEqual(queueOf(state, 'dev'), []);
    given(thrice).when(claim('1.1', 'dev')).thenRefused('INVALID_TRANSITION', 'taskId');
    const reassigned = history(...lost(0), ...lost(10), ...lost(20), {
      kind: 'ReassignTask',
      taskId: '1.1',
      assignees: ['dev'],
    });
    given(reassigned)
      .when(claim('1.1', 'dev'))
      .thenTypes(['TaskStarted', 'TaskClaimed', 'PhaseStatusChanged', 'AgentStatusChanged']);
  });
});

describe('a lease kept or given back', () => {
  it('tells the slow from the dead: a holder past the estimate that still beats is slow', () => {
    // 1.1 is estimated at 1 h; heartbeats renew every 2.5 minutes or so.
    const beats = Array.from({ length: 30 }, (_, index) =>
      at(minutesLater(3 * (index + 1)), heartbeat('1.1', 'dev')),
    );
    const state = stateOf(history(claim('1.1', 'dev'), ...beats));
    const task = state.tasks['1.1'];
    assert.ok(task);
    assert.equal(isSlow(task, minutesLater(50)), false);
    assert.equal(isSlow(task, minutesLater(91)), true);
    given(history(claim('1.1', 'dev'), ...beats))
      .when(passTime, minutesLater(91))
      .then([]);
  });

  it('is not waited for once the holder gives the task back; its hours stay', () => {
    const released = history(
      claim('1.1', 'dev'),
      { kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 0.5 },
      release('1.1', 'dev'),
    );
    const state = stateOf(released);
    assert.equal(state.tasks['1.1']?.status, 'NOT_STARTED');
    assert.equal(state.tasks['1.1'].actualHours, 0.5);
    // What is left to wait for is CP-1's window (hours 2 to 3), not the lease.
    assert.equal(nextDeadline(state), minutesLater(180));
    given(released).when(release('1.1', 'dev')).thenRefused('LEASE_LOST');
  });
});

describe('blocker clocks', () => {
  it('escalate a critical-path P1 at half its times: to the backup, then the coordinator', () => {
    // Task 1.1 is in phase 1, on the critical path: P1's 60 and 240 minutes become 30 and 120.
    const raised = history(start('1.1', 'dev'), raise('P1', 'dev', '1.1'));
    assert.equal(nextDeadline(stateOf(raised)), minutesLater(30));
    given(raised).when(passTime, minutesLater(29)).then([]);
    given(raised)
      .when(passTime, minutesLater(30))
      .then([
        {
          type: 'BlockerEscalated',
          data: {
            blockerId: 'B-1',
            level: 1,
            to: 'dev-backup',
            dueAt: minutesLater(30),
            severity: null,
            at: minutesLater(30),
          },
        },
      ]);
    const both = given(raised).when(passTime, minutesLater(121)).events();
    assert.deepEqual(
      both.map(({ data }) => ('to' in data ? data.to : null)),
      ['dev-backup', 'coordinator'],
    );
  });

  it('escalate others at their full time, to the escalation contact when there is no backup, raising the severity when the plan says so', () => {
    const plan = aSprintPlan({
      escalation: 'gerald',
      timing: { ...aSprintPlan().timing, escalationRaisesSeverity: true },
    });
    const raised = historyOf(plan, start('2.1', 'qa'), raise('P2', 'qa', '2.1'));
    const escalations = (minutes: number) =>
      given(raised)
        .when(passTime, minutesLater(minutes))
        .events()
        .filter(({ type }) => type === 'BlockerEscalated');
    assert.deepEqual(escalations(239), []);
    const [escalated] = escalations(240);
    assert.deepEqual(escalated?.data, {
      blockerId: 'B-1',
      level: 1,
      to: 'gerald',
      dueAt: minutesLater(240),
      severity: { from: 'P2', to: 'P1' },
      at: minutesLater(240),
    });
  });

  it('stop once the blocker is resolved', () => {
    const resolved = history(start('1.1', 'dev'), raise('P1', 'dev', '1.1'), {
      kind: 'ResolveBlocker',
      blockerId: 'B-1',
      resolution: 'fixed',
    });
    // Only CP-1's window is left to wait for.
    assert.equal(nextDeadline(stateOf(resolved)), minutesLater(180));
    given(resolved).when(passTime, minutesLater(500)).thenTypes(['CheckpointOverdue']);
  });
});

describe('checkpoint clocks', () => {
  it('record a checkpoint overdue once its hour window passed without a decision', () => {
    // CP-1's window is hours 2 to 3 of the sprint, which started at `now`.
    const started = history(start('1.1', 'dev'));
    given(started).when(passTime, minutesLater(179)).then([]);
    given(started)
      .when(passTime, minutesLater(180))
      .then([
        {
          type: 'CheckpointOverdue',
          data: { checkpointId: 'CP-1', dueAt: minutesLater(180), at: minutesLater(180) },
        },
      ]);
    const overdue = history(start('1.1', 'dev'), at(minutesLater(180), passTime));
    assert.equal(stateOf(overdue).checkpoints['CP-1']?.overdueAt, minutesLater(180));
    given(overdue).when(passTime, minutesLater(300)).then([]);
  });

  it('do not run before the sprint starts', () => {
    assert.equal(nextDeadline(stateOf(history())), null);
    given(history()).when(passTime, minutesLater(10_000)).then([]);
  });
});

describe('the ready queue', () => {
  it('offers each agent what it can start, least slack first', () => {
    const state = stateOf(history());
    assert.deepEqual(queueOf(state, 'dev'), ['1.1']);
    assert.deepEqual(queueOf(state, 'qa'), ['2.1']);
    const later = stateOf(history(...phasesOneAndTwoDone));
    assert.deepEqual(queueOf(later, 'dev'), ['3.1']);
    assert.deepEqual(
      queueOf(stateOf(history(...phasesOneAndTwoDone, claim('3.1', 'qa'))), 'dev'),
      [],
    );
  });

  it('is empty for an agent a P1 of its own or any P0 stops', () => {
    assert.deepEqual(queueOf(stateOf(history(raise('P1', 'dev'))), 'dev'), []);
    assert.deepEqual(queueOf(stateOf(history(raise('P1', 'dev'))), 'qa'), ['2.1']);
    assert.deepEqual(queueOf(stateOf(history(raise('P0', 'qa'))), 'dev'), []);
  });
});
