import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import type { IssueCommand } from './issue.decide.js';

const reported: IssueCommand = {
  kind: 'ReportIssue',
  severity: 'P1',
  title: 'Worker times out',
  phase: 1,
  assignee: 'dev',
};
const move = (to: 'OPEN' | 'IN_PROGRESS' | 'FIXED' | 'VALIDATED' | 'CLOSED'): IssueCommand => ({
  kind: 'MoveIssue',
  issueId: 'I-1',
  to,
});

describe('moving an issue', () => {
  it('moves OPEN -> IN_PROGRESS -> FIXED -> VALIDATED -> CLOSED', () => {
    const path = ['IN_PROGRESS', 'FIXED', 'VALIDATED', 'CLOSED'] as const;
    path.forEach((to, index) => {
      const from = index === 0 ? 'OPEN' : (path[index - 1] ?? 'OPEN');
      given(history(reported, ...path.slice(0, index).map(move)))
        .when(move(to))
        .then([event('IssueStatusChanged', { issueId: 'I-1', from, to, note: null })]);
    });
  });

  it('goes back to OPEN from FIXED or VALIDATED when validation fails', () => {
    given(history(reported, move('IN_PROGRESS'), move('FIXED')))
      .when(move('OPEN'))
      .thenTypes(['IssueStatusChanged']);
    given(history(reported, move('IN_PROGRESS'), move('FIXED'), move('VALIDATED')))
      .when(move('OPEN'))
      .thenTypes(['IssueStatusChanged']);
  });

  it('refuses any other move, naming the allowed ones', () => {
    const error = given(history(reported))
      .when(move('FIXED'))
      .thenRefused('INVALID_TRANSITION', 'to');
    assert.deepEqual(error.details?.allowed, ['IN_PROGRESS']);
    given(history(reported, move('IN_PROGRESS'), move('FIXED'), move('VALIDATED'), move('CLOSED')))
      .when(move('OPEN'))
      .thenRefused('INVALID_TRANSITION');
  });
});

describe('reporting an issue', () => {
  it('records who reported an issue, who must be an agent of the sprint', () => {
    given(history())
      .when({ ...reported, reportedBy: 'qa' })
      .then([
        event('IssueReported', {
          issueId: 'I-1',
          severity: 'P1',
          title: 'Worker times out',
          description: null,
          phase: 1,
          assignee: 'dev',
          reportedBy: 'qa',
        }),
      ]);
    given(history())
      .when({ ...reported, reportedBy: 'nobody' })
      .thenRefused('NOT_FOUND', 'reportedBy');
  });

  it('finds nothing by the names of object built-ins', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      given(history(reported))
        .when({ kind: 'MoveIssue', issueId: name, to: 'IN_PROGRESS' })
        .thenRefused('NOT_FOUND', 'issueId');
      given(history())
        .when({ kind: 'RecordQualityMetric', metric: name, value: '1' })
        .thenRefused('NOT_FOUND', 'metric');
      given(history())
        .when({ ...reported, assignee: name })
        .thenRefused('NOT_FOUND', 'assignee');
    }
  });

  it('numbers issues and reassigns them', () => {
    given(history(reported))
      .when({ kind: 'AssignIssue', issueId: 'I-1', assignee: 'qa' })
      .then([event('IssueAssigned', { issueId: 'I-1', from: 'dev', to: 'qa' })]);
    const state = given(history(reported)).when(reported).state();
    assert.deepEqual(Object.keys(state.issues), ['I-1', 'I-2']);
  });

  it('keeps the sprint’s issue counts as its issues move, reopenings and a cancelled phase included', () => {
    const moved = [move('IN_PROGRESS'), move('FIXED'), move('VALIDATED')];
    const steps = [reported, reported, ...moved, move('OPEN'), ...moved, move('CLOSED')];
    for (let length = 1; length <= steps.length; length += 1) {
      const state = given(history(...steps.slice(0, length))).state;
      assert.ok(state);
      const issues = Object.values(state.issues);
      const resolved = issues.filter((issue) => ['VALIDATED', 'CLOSED'].includes(issue.status));
      assert.equal(state.issuesFound, issues.length, `after ${length} steps`);
      assert.equal(state.issuesResolved, resolved.length, `after ${length} steps`);
    }
    given(history({ kind: 'CancelPhase', phase: 2, reason: 'the lab exists' }))
      .when({ ...reported, phase: 2 })
      .thenRefused('NOT_FOUND', 'phase');
  });
});
