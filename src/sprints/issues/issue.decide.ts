import { AppError } from '../../common/errors.js';
import {
  issueMoves,
  nextId,
  requireAgent,
  requireIssue,
  requirePhase,
  requireText,
} from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import type { BlockerSeverity, IssueStatus } from '../model/vocabulary.js';
import type { IssueEvent } from './issue.events.js';

export type IssueCommand =
  | {
      readonly kind: 'ReportIssue';
      readonly severity: BlockerSeverity;
      readonly title: string;
      readonly description?: string | null;
      readonly phase?: number | null;
      readonly assignee?: string | null;
      /** The agent who reports it, if an agent does. */
      readonly reportedBy?: string | null;
    }
  | { readonly kind: 'AssignIssue'; readonly issueId: string; readonly assignee: string }
  | {
      readonly kind: 'MoveIssue';
      readonly issueId: string;
      readonly to: IssueStatus;
      readonly note?: string | null;
    };

export const issueDeciders: Deciders<IssueCommand, IssueEvent> = {
  ReportIssue(command, state) {
    requireText(command.title, 'title');
    const phase = command.phase ?? null;
    if (phase !== null) requirePhase(state, phase, 'phase');
    const assignee = command.assignee ?? null;
    if (assignee !== null) requireAgent(state, assignee, 'assignee');
    const reportedBy = command.reportedBy ?? null;
    if (reportedBy !== null) requireAgent(state, reportedBy, 'reportedBy');
    return [
      {
        type: 'IssueReported',
        issueId: nextId('I', state.issues),
        severity: command.severity,
        title: command.title,
        description: command.description ?? null,
        phase,
        assignee,
        reportedBy,
      },
    ];
  },
  AssignIssue(command, state) {
    const issue = requireIssue(state, command.issueId);
    requireAgent(state, command.assignee, 'assignee');
    if (issue.assignee === command.assignee) {
      throw new AppError(
        'INVALID_TRANSITION',
        `issue ${issue.id} is already assigned to ${command.assignee}`,
        'assignee',
      );
    }
    return [
      { type: 'IssueAssigned', issueId: issue.id, from: issue.assignee, to: command.assignee },
    ];
  },
  MoveIssue(command, state) {
    const issue = requireIssue(state, command.issueId);
    const allowed = issueMoves[issue.status];
    if (!allowed.includes(command.to)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `issue ${issue.id} cannot move from ${issue.status} to ${command.to}; allowed: ${allowed.join(', ') || 'none'}`,
        'to',
        { from: issue.status, to: command.to, allowed },
      );
    }
    return [
      {
        type: 'IssueStatusChanged',
        issueId: issue.id,
        from: issue.status,
        to: command.to,
        note: command.note ?? null,
      },
    ];
  },
};
