import { type SprintCommand } from '../../src/sprints/sprint.js';

/**
 * Commands that, played on `aSprintPlan()`, make the decider emit every event type at least once:
 * the contract test checks each against its published schema, so a new event type must be
 * added here (or that test fails).
 */
export const everyEventScenario: readonly SprintCommand[] = [
  { kind: 'DeclareAgentReady', agent: 'qa' },
  { kind: 'StartTask', taskId: '1.1', agent: 'dev' },
  { kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 1.5, note: 'sketched the modules' },
  { kind: 'RaiseBlocker', severity: 'P2', agent: 'dev', taskId: '1.1', description: 'no laptop' },
  { kind: 'ChangeBlockerSeverity', blockerId: 'B-1', severity: 'P1', reason: 'it spreads' },
  { kind: 'ResolveBlocker', blockerId: 'B-1', resolution: 'borrowed one' },
  { kind: 'CompleteTask', taskId: '1.1' },
  { kind: 'ReopenTask', taskId: '1.1', reason: 'missed a module' },
  { kind: 'CompleteTask', taskId: '1.1' },
  { kind: 'ReassignTask', taskId: '1.2', assignees: ['dev', 'qa'] },
  { kind: 'StartTask', taskId: '1.2', agent: 'dev' },
  { kind: 'CompleteTask', taskId: '1.2' },
  { kind: 'StartTask', taskId: '2.1', agent: 'qa' },
  { kind: 'CompleteTask', taskId: '2.1' },
  { kind: 'ReportIssue', severity: 'P2', title: 'flaky start', phase: 1, description: 'twice' },
  { kind: 'AssignIssue', issueId: 'I-1', assignee: 'dev' },
  { kind: 'MoveIssue', issueId: 'I-1', to: 'IN_PROGRESS', note: 'on it' },
  {
    kind: 'LogCommunication',
    from: 'qa',
    to: 'dev',
    subject: 'Ready?',
    body: 'Can I start phase 3?',
    type: 'QUESTION',
  },
  { kind: 'AnswerCommunication', communicationId: 'C-1', answeredBy: 'dev', answer: 'Yes' },
  { kind: 'FailCheckpoint', checkpointId: 'CP-1', reason: 'not reviewed yet' },
  { kind: 'StartCheckpoint', checkpointId: 'CP-1' },
  { kind: 'PassCheckpoint', checkpointId: 'CP-1', result: 'it runs' },
  { kind: 'CompleteDeliverable', deliverableId: 'D-1' },
  { kind: 'ReopenDeliverable', deliverableId: 'D-1', reason: 'one file short' },
  { kind: 'CompleteDeliverable', deliverableId: 'D-1' },
  { kind: 'ChangeRiskStatus', riskId: 'R-1', status: 'MITIGATED', note: 'retries in place' },
  { kind: 'RecordQualityMetric', metric: 'Test Coverage', value: '84%' },
  { kind: 'StartTask', taskId: '3.1', agent: 'qa' },
  { kind: 'CompleteTask', taskId: '3.1' },
  { kind: 'CompleteSprint' },
];
