import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { history } from '../../test/builders/given-when-then.js';
import { AppError } from '../common/errors.js';
import { mayRead } from '../access/authorize.js';
import type { Principal } from '../access/principal.js';
import { aSprintPlan } from '../../test/builders/sprint-plan.builder.js';
import type { IssueState } from './model/state.js';
import { authorize, issueMovesOf } from './sprint-access.js';
import { fold, type SprintCommand } from './sprint.js';

const principal = (role: Principal['role'], agent: string | null = null): Principal => ({
  id: `${role}-${agent ?? 'x'}`,
  name: agent ?? role.toLowerCase(),
  role,
  kind: role === 'AGENT' ? 'AGENT' : 'HUMAN',
  agent,
  sprints: role === 'AGENT' ? ['sprint-test'] : [],
});
const coordinator = principal('COORDINATOR');
const viewer = principal('VIEWER');
const dev = principal('AGENT', 'dev');

const state = fold(
  null,
  history(
    { kind: 'StartTask', taskId: '2.1', agent: 'qa' },
    { kind: 'RaiseBlocker', severity: 'P3', agent: 'qa', taskId: null, description: 'slow' },
    { kind: 'RaiseBlocker', severity: 'P3', agent: 'dev', taskId: null, description: 'slow' },
    { kind: 'ReportIssue', severity: 'P2', title: 'for dev', assignee: 'dev' },
    { kind: 'ReportIssue', severity: 'P2', title: 'for qa', assignee: 'qa' },
    { kind: 'LogCommunication', from: 'qa', to: 'dev', subject: 's', body: 'b', type: 'QUESTION' },
  ),
);

/** Every command, as `dev` would send it on its own work, and whether an agent may send it. */
const everyCommand: readonly [SprintCommand, boolean][] = [
  [{ kind: 'PlanSprint', plan: aSprintPlan() }, false],
  [{ kind: 'CompleteSprint' }, false],
  [{ kind: 'DeclareAgentReady', agent: 'dev' }, true],
  [{ kind: 'StartTask', taskId: '1.1', agent: 'dev' }, true],
  [{ kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 1 }, true],
  [{ kind: 'CompleteTask', taskId: '1.1' }, true],
  [{ kind: 'ReopenTask', taskId: '1.1', reason: 'x' }, false],
  [{ kind: 'ReassignTask', taskId: '1.1', assignees: ['qa'] }, false],
  [{ kind: 'RaiseBlocker', severity: 'P1', agent: 'dev', taskId: '1.1', description: 'x' }, true],
  [{ kind: 'ChangeBlockerSeverity', blockerId: 'B-2', severity: 'P0' }, false],
  [{ kind: 'ResolveBlocker', blockerId: 'B-2', resolution: 'x' }, true],
  [{ kind: 'ReportIssue', severity: 'P2', title: 'x' }, true],
  [{ kind: 'AssignIssue', issueId: 'I-1', assignee: 'qa' }, false],
  [{ kind: 'MoveIssue', issueId: 'I-1', to: 'IN_PROGRESS' }, true],
  [{ kind: 'LogCommunication', from: 'dev', subject: 's', body: 'b', type: 'NOTIFICATION' }, true],
  [{ kind: 'AnswerCommunication', communicationId: 'C-1', answeredBy: 'dev', answer: 'a' }, true],
  [{ kind: 'StartCheckpoint', checkpointId: 'CP-1' }, false],
  [{ kind: 'PassCheckpoint', checkpointId: 'CP-1', result: 'x' }, false],
  [{ kind: 'FailCheckpoint', checkpointId: 'CP-1', reason: 'x' }, false],
  [{ kind: 'CompleteDeliverable', deliverableId: 'D-1' }, false],
  [{ kind: 'ReopenDeliverable', deliverableId: 'D-1', reason: 'x' }, false],
  [{ kind: 'ChangeRiskStatus', riskId: 'R-1', status: 'CLOSED' }, false],
  [{ kind: 'RecordQualityMetric', metric: 'Test Coverage', value: '1%' }, false],
];

function refusal(
  who: Principal,
  command: SprintCommand,
  sprintId = 'sprint-test',
): AppError | null {
  try {
    authorize(who, sprintId, command, state);
    return null;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
}

describe('who may send what', () => {
  it('lets a coordinator send every command', () => {
    for (const [command] of everyCommand)
      assert.equal(refusal(coordinator, command), null, command.kind);
  });

  it('lets a viewer send none', () => {
    for (const [command] of everyCommand)
      assert.equal(refusal(viewer, command)?.code, 'FORBIDDEN', command.kind);
  });

  it('lets an agent work as itself, and keeps the rest for coordinators', () => {
    for (const [command, allowed] of everyCommand) {
      const error = refusal(dev, command);
      assert.equal(error === null, allowed, `${command.kind}: ${error?.message ?? 'allowed'}`);
      if (error) assert.equal(error.code, 'FORBIDDEN');
    }
  });

  it('refuses an agent acting on another agent’s task, blocker or issue, or speaking as another', () => {
    const cases: [SprintCommand, string][] = [
      [{ kind: 'StartTask', taskId: '2.1', agent: 'dev' }, 'taskId'],
      [{ kind: 'StartTask', taskId: '2.1', agent: 'qa' }, 'agent'],
      [{ kind: 'LogHours', taskId: '2.1', agent: 'qa', hours: 1 }, 'agent'],
      [{ kind: 'CompleteTask', taskId: '2.1' }, 'taskId'],
      [
        { kind: 'RaiseBlocker', severity: 'P1', agent: 'dev', taskId: '2.1', description: 'x' },
        'taskId',
      ],
      [{ kind: 'ResolveBlocker', blockerId: 'B-1', resolution: 'x' }, 'blockerId'],
      [{ kind: 'MoveIssue', issueId: 'I-2', to: 'IN_PROGRESS' }, 'issueId'],
      [
        { kind: 'LogCommunication', from: 'qa', subject: 's', body: 'b', type: 'NOTIFICATION' },
        'from',
      ],
      [
        { kind: 'AnswerCommunication', communicationId: 'C-1', answeredBy: 'qa', answer: 'a' },
        'answeredBy',
      ],
      [{ kind: 'DeclareAgentReady', agent: 'qa' }, 'agent'],
      [{ kind: 'StartTask', taskId: '3.1', agent: 'dev', forceReason: 'hurry' }, 'forceReason'],
    ];
    for (const [command, field] of cases) {
      const error = refusal(dev, command);
      assert.equal(error?.code, 'FORBIDDEN', command.kind);
      assert.equal(error.field, field, command.kind);
    }
  });
});

describe('who may move issues and read sprints', () => {
  it('lets an issue’s assignee work it and its reporter validate or reopen the fix', () => {
    const issue = (status: IssueState['status']): IssueState => ({
      id: 'I-9',
      severity: 'P2',
      title: 't',
      description: null,
      phase: null,
      assignee: 'dev',
      reportedBy: 'qa',
      status,
      reportedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const table: [IssueState['status'], string, readonly string[]][] = [
      ['OPEN', 'dev', ['IN_PROGRESS']],
      ['IN_PROGRESS', 'dev', ['FIXED']],
      ['FIXED', 'dev', []],
      ['VALIDATED', 'dev', []],
      ['OPEN', 'qa', []],
      ['IN_PROGRESS', 'qa', []],
      ['FIXED', 'qa', ['VALIDATED', 'OPEN']],
      ['VALIDATED', 'qa', []],
      ['FIXED', 'someone-else', []],
    ];
    for (const [status, agent, moves] of table) {
      assert.deepEqual(issueMovesOf(issue(status), agent), moves, `${agent} on ${status}`);
    }
  });

  it('scopes reads: agents and bound viewers to their sprints, others everywhere', () => {
    const boundViewer = { ...viewer, sprints: ['sprint-b'] };
    assert.equal(mayRead(coordinator, 'any'), true);
    assert.equal(mayRead(viewer, 'any'), true);
    assert.equal(mayRead(boundViewer, 'sprint-b'), true);
    assert.equal(mayRead(boundViewer, 'sprint-test'), false);
    assert.equal(mayRead(dev, 'sprint-test'), true);
    assert.equal(mayRead(dev, 'sprint-b'), false);
  });

  it('refuses an agent in a sprint it is not bound to', () => {
    const error = refusal(
      dev,
      { kind: 'StartTask', taskId: '1.1', agent: 'dev' },
      'another-sprint',
    );
    assert.equal(error?.code, 'FORBIDDEN');
    assert.equal(error.field, 'sprintId');
  });
});
