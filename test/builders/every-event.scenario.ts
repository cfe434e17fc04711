import type { SprintPlan } from '../../src/sprints/plan/plan-document.js';
import { type SprintCommand } from '../../src/sprints/sprint.js';
import { at, minutesLater, type Timed } from './given-when-then.js';
import { aSprintPlan } from './sprint-plan.builder.js';

const plan = aSprintPlan();

/** The test plan grown by a re-applied plan file: every kind of element added and changed. */
const grown: SprintPlan = {
  ...plan,
  name: 'Test sprint, extended',
  agents: [
    ...plan.agents.map((agent) =>
      agent.name === 'dev' ? { ...agent, role: 'Lead developer' } : agent,
    ),
    { name: 'ops', role: 'Operator', backup: null, criticalDependencies: [] },
  ],
  phases: [
    ...plan.phases.map((phase) => ({
      ...phase,
      name: phase.number === 2 ? 'Prepare the lab' : phase.name,
      tasks: phase.tasks.map((task) =>
        task.id === '3.1'
          ? { ...task, title: 'Run it twice', estimateHours: { min: 1, max: 2 } }
          : task.id === '1.2'
            ? { ...task, assignees: ['dev', 'qa'] } // as the scenario reassigned it
            : task,
      ),
    })),
    {
      number: 4,
      name: 'Hand over',
      estimateHours: { min: 1, max: 1 },
      dependsOn: [3],
      criticalPath: false,
      riskLevel: null,
      tasks: [
        { id: '4.1', title: 'Write notes', estimateHours: 1, assignees: ['ops'], dependsOn: [] },
      ],
    },
  ],
  deliverables: [
    ...plan.deliverables.map((item) => ({ ...item, name: 'src/main.py' })),
    { id: 'D-2', category: 'DOCUMENTATION', name: 'NOTES.md', phase: 4, path: 'docs/NOTES.md' },
  ],
  checkpoints: [
    ...plan.checkpoints.map((item) => ({ ...item, criteria: [...item.criteria, 'reviewed'] })),
    { id: 'CP-2', name: 'Handed over', phase: 4, hourWindow: { from: 5, to: 6 }, criteria: [] },
  ],
  risks: [
    ...plan.risks.map((risk) => ({ ...risk, mitigation: 'Retry twice' })),
    { id: 'R-2', category: 'Staff', severity: 'LOW', status: 'ACTIVE', mitigation: 'Pair' },
  ],
  qualityTargets: [
    { metric: 'Test Coverage', target: '85%' },
    { metric: 'Docs', target: '100%' },
  ],
  commands: [
    { agent: 'dev', blocks: [{ title: 'Run it', lines: ['python src/main.py'] }] },
    { agent: 'qa', blocks: [{ title: 'Test it', lines: ['pytest'] }] },
  ],
  nextSteps: [
    ...plan.nextSteps.map((step) => ({ ...step, details: ['from main'] })),
    { id: 'NS-2', title: 'Book the lab', details: [], commands: [] },
  ],
  contacts: [...plan.contacts, { role: 'Testing', agent: 'qa', backup: null }],
  escalation: 'The product owner',
  fileLocations: [...plan.fileLocations, { group: 'Notes', paths: ['docs/'] }],
};

/** The grown plan shrunk back: what was added is cancelled, retired or removed. */
const shrunk: SprintPlan = {
  ...grown,
  agents: grown.agents.filter((agent) => agent.name !== 'ops'),
  phases: grown.phases.filter((phase) => phase.number !== 4),
  deliverables: grown.deliverables.filter((item) => item.id !== 'D-2'),
  checkpoints: grown.checkpoints.filter((item) => item.id !== 'CP-2'),
  qualityTargets: grown.qualityTargets.filter((item) => item.metric !== 'Docs'),
  commands: grown.commands.filter((item) => item.agent !== 'qa'),
  nextSteps: grown.nextSteps.filter((item) => item.id !== 'NS-2'),
};

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
  { kind: 'CheckNextStep', stepId: 'NS-1', by: 'dev' },
  { kind: 'UncheckNextStep', stepId: 'NS-1', reason: 'the branch was from the wrong base' },
  { kind: 'CheckNextStep', stepId: 'NS-1', by: 'dev' },
  { kind: 'ApplyPlanChanges', plan: grown, reason: 'more to do' },
  { kind: 'ApplyPlanChanges', plan: shrunk, reason: 'less to do after all' },
  { kind: 'StartTask', taskId: '3.1', agent: 'qa' },
  { kind: 'CompleteTask', taskId: '3.1' },
  { kind: 'CompleteSprint' },
];

/**
 * A third, on leases, with time passing (minutes after the test's `now`): a claim, heartbeats,
 * a release, a lease run out, a blocker escalated and a checkpoint overdue.
 */
export const clockScenario: readonly Timed[] = [
  at(minutesLater(0), { kind: 'ClaimTask', taskId: '1.1', agent: 'dev' }),
  at(minutesLater(3), { kind: 'Heartbeat', taskId: '1.1', agent: 'dev', note: 'halfway' }),
  at(minutesLater(4), { kind: 'ReleaseTask', taskId: '1.1', agent: 'dev', reason: 'lunch' }),
  at(minutesLater(5), { kind: 'ClaimTask', taskId: '2.1', agent: 'qa' }),
  at(minutesLater(6), {
    kind: 'RaiseBlocker',
    severity: 'P2',
    agent: 'qa',
    taskId: '2.1',
    description: 'no lab',
  }),
  at(minutesLater(11), { kind: 'PassTime' }),
  at(minutesLater(250), { kind: 'PassTime' }),
];

/** A second sprint of the same plan, ended the other way: SprintCancelled. */
export const cancelledSprintScenario: readonly SprintCommand[] = [
  { kind: 'StartTask', taskId: '1.1', agent: 'dev' },
  { kind: 'CancelSprint', reason: 'priorities changed' },
];
