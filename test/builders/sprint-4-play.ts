import type { ErrorCode } from '../../src/common/errors.js';
import type { SprintPlan } from '../../src/sprints/plan/plan-document.js';
import type { SprintEvent } from '../../src/sprints/sprint-events.js';
import { decide, fold, type SprintCommand } from '../../src/sprints/sprint.js';

/**
 * Sprint 4 of the reference (fixtures/sprint-4.yaml) played by its rules: what each command
 * records, or how it is refused. The rules are checked on the decider (src/sprints/sprint.spec.ts);
 * the same play over /graphql (test/sprint.e2e.test.ts) checks what only the wire shows.
 */
export interface PlayStep {
  readonly command: SprintCommand;
  /** The event types it records, when the play says. */
  readonly records?: readonly string[];
  readonly refused?: {
    readonly code: ErrorCode;
    readonly field: string;
    readonly message?: RegExp;
  };
  /** What the mutation's payload shows of the entity it touched, under this selection. */
  readonly payload?: { readonly selection: string; readonly shows: Record<string, unknown> };
}

const work = (taskId: string, agent: string, hours: number): PlayStep[] => [
  { command: { kind: 'StartTask', taskId, agent } },
  { command: { kind: 'LogHours', taskId, agent, hours } },
  { command: { kind: 'CompleteTask', taskId } },
];

const startTask = (taskId: string, agent: string): SprintCommand => ({
  kind: 'StartTask',
  taskId,
  agent,
});

export const sprint4Play: readonly PlayStep[] = [
  ...['devops-engineer', 'python-pro', 'qa-engineer'].map((agent): PlayStep => ({
    command: { kind: 'DeclareAgentReady', agent },
  })),
  // Phases 1 and 2 run in parallel; the first start makes the sprint ACTIVE.
  {
    command: startTask('1.1', 'python-pro'),
    records: ['SprintStarted', 'TaskStarted', 'PhaseStatusChanged', 'AgentStatusChanged'],
  },
  { command: startTask('2.1', 'devops-engineer') },
  // A P1 blocker stops devops' work, and only devops'.
  {
    command: {
      kind: 'RaiseBlocker',
      severity: 'P1',
      agent: 'devops-engineer',
      taskId: '2.1',
      description: 'Docker daemon down',
    },
    records: ['BlockerRaised', 'TaskBlocked', 'AgentStatusChanged'],
    payload: {
      selection: 'blocker { id status }',
      shows: { blocker: { id: 'B-1', status: 'OPEN' } },
    },
  },
  {
    command: { kind: 'CompleteTask', taskId: '2.1' },
    refused: { code: 'INVALID_TRANSITION', field: 'taskId' },
  },
  { command: startTask('2.2', 'devops-engineer'), refused: { code: 'BLOCKED', field: 'taskId' } },
  { command: { kind: 'LogHours', taskId: '1.1', agent: 'python-pro', hours: 1 } },
  { command: { kind: 'CompleteTask', taskId: '1.1' } },
  {
    command: { kind: 'ResolveBlocker', blockerId: 'B-1', resolution: 'daemon restarted' },
    records: ['BlockerResolved', 'TaskUnblocked', 'AgentStatusChanged'],
  },
  { command: { kind: 'LogHours', taskId: '2.1', agent: 'devops-engineer', hours: 1.5 } },
  { command: { kind: 'CompleteTask', taskId: '2.1' } },
  // Phase 3 waits for phases 1 and 2.
  {
    command: startTask('3.1', 'python-pro'),
    refused: { code: 'DEPENDENCY_NOT_MET', field: 'taskId', message: /Phase 1, Phase 2/ },
  },
  ...work('1.2', 'python-pro', 2),
  ...work('1.3', 'python-pro', 1),
  {
    command: startTask('3.1', 'python-pro'),
    refused: {
      code: 'DEPENDENCY_NOT_MET',
      field: 'taskId',
      message: /awaiting Phase 2 completion/,
    },
  },
  // A P0 blocker stops every start.
  {
    command: {
      kind: 'RaiseBlocker',
      severity: 'P0',
      agent: 'qa-engineer',
      description: 'Cluster lost',
    },
  },
  { command: startTask('2.2', 'devops-engineer'), refused: { code: 'BLOCKED', field: 'taskId' } },
  {
    command: {
      kind: 'ChangeBlockerSeverity',
      blockerId: 'B-2',
      severity: 'P2',
      reason: 'workaround found',
    },
  },
  { command: { kind: 'ResolveBlocker', blockerId: 'B-2', resolution: 'cluster back' } },
  ...['2.2', '2.3', '2.4'].flatMap((taskId) => work(taskId, 'devops-engineer', 0.5)),
  {
    command: startTask('3.2', 'qa-engineer'),
    refused: { code: 'DEPENDENCY_NOT_MET', field: 'taskId' },
  },
  ...work('3.1', 'python-pro', 0.5),
  // Checkpoint 1 (phase 2) passes; checkpoint 2 fails while phase 3 runs, then passes.
  { command: { kind: 'StartCheckpoint', checkpointId: 'CP-1' } },
  {
    command: {
      kind: 'PassCheckpoint',
      checkpointId: 'CP-1',
      result: 'stack healthy, workflow ready',
    },
  },
  {
    command: { kind: 'PassCheckpoint', checkpointId: 'CP-2', result: '' },
    refused: { code: 'DEPENDENCY_NOT_MET', field: 'checkpointId' },
  },
  {
    command: { kind: 'FailCheckpoint', checkpointId: 'CP-2', reason: '' },
    refused: { code: 'VALIDATION_FAILED', field: 'reason' },
  },
  { command: { kind: 'FailCheckpoint', checkpointId: 'CP-2', reason: 'workflow timed out' } },
  // Issues, through every status, with a failed validation in between.
  {
    command: {
      kind: 'ReportIssue',
      severity: 'P1',
      title: 'Workflow times out',
      phase: 3,
      assignee: 'python-pro',
    },
    payload: { selection: 'issue { id status }', shows: { issue: { id: 'I-1', status: 'OPEN' } } },
  },
  {
    command: { kind: 'MoveIssue', issueId: 'I-1', to: 'CLOSED' },
    refused: { code: 'INVALID_TRANSITION', field: 'to' },
  },
  ...(['IN_PROGRESS', 'FIXED', 'OPEN', 'IN_PROGRESS', 'FIXED', 'VALIDATED', 'CLOSED'] as const).map(
    (to): PlayStep => ({ command: { kind: 'MoveIssue', issueId: 'I-1', to } }),
  ),
  { command: { kind: 'AssignIssue', issueId: 'I-1', assignee: 'qa-engineer' } },
  // Communications of all four types; a request and a question answered.
  {
    command: {
      kind: 'LogCommunication',
      from: 'qa-engineer',
      to: 'python-pro',
      subject: 'Scripts',
      body: 'Where is execute_workflow.py?',
      type: 'REQUEST',
    },
    payload: { selection: 'communication { id }', shows: { communication: { id: 'C-1' } } },
  },
  {
    command: {
      kind: 'AnswerCommunication',
      communicationId: 'C-1',
      answeredBy: 'python-pro',
      answer: 'tests/integration/temporal/',
    },
  },
  {
    command: {
      kind: 'LogCommunication',
      from: 'python-pro',
      to: 'devops-engineer',
      subject: 'Port',
      body: 'Which port is Temporal on?',
      type: 'QUESTION',
    },
  },
  {
    command: {
      kind: 'AnswerCommunication',
      communicationId: 'C-2',
      answeredBy: 'devops-engineer',
      answer: '7233',
    },
  },
  {
    command: {
      kind: 'LogCommunication',
      from: 'devops-engineer',
      subject: 'Stack up',
      body: 'Temporal is deployed',
      type: 'NOTIFICATION',
    },
  },
  {
    command: {
      kind: 'LogCommunication',
      from: 'qa-engineer',
      to: 'coordinator',
      subject: 'UI down',
      body: 'Temporal UI does not load',
      type: 'BLOCKER',
      blocker: { severity: 'P2' },
    },
    payload: {
      selection: 'blocker { id severity status }',
      shows: { blocker: { id: 'B-3', severity: 'P2', status: 'OPEN' } },
    },
  },
  { command: { kind: 'ResolveBlocker', blockerId: 'B-3', resolution: 'port-forward restarted' } },
  {
    command: {
      kind: 'AnswerCommunication',
      communicationId: 'C-3',
      answeredBy: 'qa-engineer',
      answer: 'ok',
    },
    refused: { code: 'INVALID_TRANSITION', field: 'communicationId' },
  },
  // Finish phase 3, then checkpoint 2 passes on a second validation.
  ...work('3.2', 'qa-engineer', 1),
  ...work('3.3', 'qa-engineer', 0.5),
  ...work('3.4', 'devops-engineer', 1),
  { command: { kind: 'StartCheckpoint', checkpointId: 'CP-2' } },
  { command: { kind: 'PassCheckpoint', checkpointId: 'CP-2', result: 'first workflow succeeded' } },
  ...['D-01', 'D-02', 'D-03', 'D-04', 'D-09'].map((deliverableId): PlayStep => ({
    command: { kind: 'CompleteDeliverable', deliverableId },
  })),
  {
    command: {
      kind: 'ChangeRiskStatus',
      riskId: 'R-3',
      status: 'TRIGGERED',
      note: 'worker timed out once',
    },
  },
  { command: { kind: 'RecordQualityMetric', metric: 'Test Coverage', value: '84%' } },
  // Unknown things are refused with the field at fault.
  { command: startTask('9.9', 'qa-engineer'), refused: { code: 'NOT_FOUND', field: 'taskId' } },
  {
    command: { kind: 'LogHours', taskId: '3.2', agent: 'qa-engineer', hours: -2 },
    refused: { code: 'VALIDATION_FAILED', field: 'hours' },
  },
  {
    command: startTask('4.1', 'qa-engineer'),
    refused: { code: 'VALIDATION_FAILED', field: 'agent' },
  },
];

/** Where the play leaves the sprint: what the decider's state and the read models both show. */
export const sprint4Ends = {
  phases: [
    'COMPLETE',
    'COMPLETE',
    'COMPLETE',
    'NOT_STARTED',
    'NOT_STARTED',
    'NOT_STARTED',
    'NOT_STARTED',
  ],
  checkpoints: ['PASSED', 'PASSED', 'PENDING', 'PENDING'],
} as const;

/** A step as the GraphQL mutation that sends it: `startTask(input: { taskId, agent })`. */
export function mutationOf(command: SprintCommand): {
  name: string;
  input: Record<string, unknown>;
} {
  const { kind, ...input } = command;
  return { name: kind.charAt(0).toLowerCase() + kind.slice(1), input };
}

/** The events of the plan and of every accepted step, each decided on the state so far. */
export function sprint4Events(plan: SprintPlan, at: (step: number) => string): SprintEvent[] {
  let events: SprintEvent[] = decide({ kind: 'PlanSprint', plan }, null, { now: at(0) });
  sprint4Play.forEach((step, index) => {
    if (step.refused) return;
    events = [...events, ...decide(step.command, fold(null, events), { now: at(index + 1) })];
  });
  return events;
}
