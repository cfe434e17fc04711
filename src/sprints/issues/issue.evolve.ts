import { isIssueResolved } from '../model/rules.js';
import type { Evolvers } from '../model/seam.js';
import { insert, update } from '../model/state.js';
import type { IssueEvent } from './issue.events.js';

export const issueEvolvers: Evolvers<IssueEvent> = {
  IssueReported: (state, { data }) => ({
    ...state,
    issuesFound: state.issuesFound + 1,
    issues: insert(state.issues, data.issueId, {
      id: data.issueId,
      severity: data.severity,
      title: data.title,
      description: data.description,
      phase: data.phase,
      assignee: data.assignee,
      reportedBy: data.reportedBy,
      status: 'OPEN',
      reportedAt: data.at,
      updatedAt: data.at,
    }),
  }),
  IssueAssigned: (state, { data }) => ({
    ...state,
    issues: update(state.issues, data.issueId, (issue) => ({
      ...issue,
      assignee: data.to,
      updatedAt: data.at,
    })),
  }),
  IssueStatusChanged: (state, { data }) => ({
    ...state,
    issuesResolved:
      state.issuesResolved +
      Number(isIssueResolved({ status: data.to })) -
      Number(isIssueResolved({ status: data.from })),
    issues: update(state.issues, data.issueId, (issue) => ({
      ...issue,
      status: data.to,
      updatedAt: data.at,
    })),
  }),
};
