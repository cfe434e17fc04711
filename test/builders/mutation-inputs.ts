import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';

/** Valid inputs to every mutation on the demo sprint, shared by the tests that break them. */
export interface MutationSpec {
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** Text that must not be empty. */
  readonly requiredText?: readonly string[];
  readonly enums?: readonly string[];
  /** The arguments that name something of the sprint (`sprintId` aside), as paths. */
  readonly ids?: readonly string[];
}

export const sprint = { sprintId: 'sprint-4' };
/** Every mutation with an input the rules accept on the freshly imported Sprint 4. */
export const everyMutation: readonly MutationSpec[] = [
  { name: 'importSprintPlan', input: { plan: 'see before()' }, requiredText: ['plan'] },
  { name: 'completeSprint', input: sprint, ids: [] },
  {
    name: 'declareAgentReady',
    input: { ...sprint, agent: 'python-pro' },
    requiredText: ['agent'],
    ids: ['agent'],
  },
  {
    name: 'startTask',
    input: { ...sprint, taskId: '1.1', agent: 'python-pro' },
    requiredText: ['taskId', 'agent'],
    ids: ['taskId', 'agent'],
  },
  {
    name: 'logHours',
    input: { ...sprint, taskId: '1.1', agent: 'python-pro', hours: 1 },
    requiredText: ['taskId', 'agent'],
    ids: ['taskId', 'agent'],
  },
  {
    name: 'completeTask',
    input: { ...sprint, taskId: '1.1' },
    requiredText: ['taskId'],
    ids: ['taskId'],
  },
  {
    name: 'reopenTask',
    input: { ...sprint, taskId: '1.1', reason: 'x' },
    requiredText: ['taskId'],
    ids: ['taskId'],
  },
  {
    name: 'reassignTask',
    input: { ...sprint, taskId: '1.1', assignees: ['qa-engineer'] },
    requiredText: ['taskId'],
    ids: ['taskId', 'assignees[0]'],
  },
  {
    name: 'raiseBlocker',
    input: { ...sprint, severity: 'P3', agent: 'qa-engineer', taskId: '1.1', description: 'x' },
    requiredText: ['agent', 'description'],
    enums: ['severity'],
    ids: ['agent', 'taskId'],
  },
  {
    name: 'changeBlockerSeverity',
    input: { ...sprint, blockerId: 'B-1', severity: 'P1' },
    requiredText: ['blockerId'],
    enums: ['severity'],
    ids: ['blockerId'],
  },
  {
    name: 'resolveBlocker',
    input: { ...sprint, blockerId: 'B-1', resolution: 'x' },
    requiredText: ['blockerId'],
    ids: ['blockerId'],
  },
  {
    name: 'reportIssue',
    input: { ...sprint, severity: 'P2', title: 'x', phase: 1, assignee: 'qa-engineer' },
    requiredText: ['title'],
    enums: ['severity'],
    ids: ['assignee'],
  },
  {
    name: 'assignIssue',
    input: { ...sprint, issueId: 'I-1', assignee: 'qa-engineer' },
    requiredText: ['issueId', 'assignee'],
    ids: ['issueId', 'assignee'],
  },
  {
    name: 'moveIssue',
    input: { ...sprint, issueId: 'I-1', to: 'IN_PROGRESS' },
    requiredText: ['issueId'],
    enums: ['to'],
    ids: ['issueId'],
  },
  {
    name: 'logCommunication',
    input: {
      ...sprint,
      from: 'qa-engineer',
      to: 'python-pro',
      subject: 's',
      body: 'b',
      type: 'BLOCKER',
      replyTo: 'C-1',
      blocker: { severity: 'P3', taskId: '1.1' },
    },
    requiredText: ['from', 'subject', 'body'],
    enums: ['type'],
    ids: ['from', 'to', 'replyTo', 'blocker.taskId'],
  },
  {
    name: 'answerCommunication',
    input: { ...sprint, communicationId: 'C-1', answeredBy: 'python-pro', answer: 'a' },
    requiredText: ['communicationId', 'answeredBy'],
    ids: ['communicationId', 'answeredBy'],
  },
  {
    name: 'startCheckpoint',
    input: { ...sprint, checkpointId: 'CP-1' },
    requiredText: ['checkpointId'],
    ids: ['checkpointId'],
  },
  {
    name: 'passCheckpoint',
    input: { ...sprint, checkpointId: 'CP-1' },
    requiredText: ['checkpointId'],
    ids: ['checkpointId'],
  },
  {
    name: 'failCheckpoint',
    input: { ...sprint, checkpointId: 'CP-1', reason: 'x' },
    requiredText: ['checkpointId', 'reason'],
    ids: ['checkpointId'],
  },
  {
    name: 'completeDeliverable',
    input: { ...sprint, deliverableId: 'D-01' },
    requiredText: ['deliverableId'],
    ids: ['deliverableId'],
  },
  {
    name: 'reopenDeliverable',
    input: { ...sprint, deliverableId: 'D-01', reason: 'x' },
    requiredText: ['deliverableId'],
    ids: ['deliverableId'],
  },
  {
    name: 'changeRiskStatus',
    input: { ...sprint, riskId: 'R-1', status: 'TRIGGERED' },
    requiredText: ['riskId'],
    enums: ['status'],
    ids: ['riskId'],
  },
  {
    name: 'recordQualityMetric',
    input: { ...sprint, metric: 'Test Coverage', value: '80%' },
    requiredText: ['metric', 'value'],
    ids: ['metric'],
  },
  {
    name: 'issueApiToken',
    input: { name: 'x', role: 'VIEWER' },
    requiredText: ['name'],
    enums: ['role'],
  },
  {
    name: 'revokeApiToken',
    input: { id: '00000000-0000-0000-0000-000000000000' },
    requiredText: ['id'],
  },
];

/** B-1, I-1 and C-1 on the demo sprint: the inputs above are then valid but for what a test breaks. */
export async function addNamedEntities(app: TestApp): Promise<void> {
  for (const [name, input] of [
    ['raiseBlocker', { severity: 'P3', agent: 'qa-engineer', description: 'slow laptop' }],
    ['reportIssue', { severity: 'P2', title: 'flaky', assignee: 'python-pro' }],
    ['logCommunication', { from: 'qa-engineer', subject: 'q', body: 'b', type: 'QUESTION' }],
  ] as const) {
    const result = await app.mutate(name, { ...sprint, ...input });
    assert.deepEqual(result.userErrors, [], name);
  }
}
