import { type SprintPlan } from '../../src/sprints/plan/plan-document.js';
import { defaultTiming } from '../../src/sprints/plan/plan.events.js';

/** Build (critical) and Prepare, both before Verify (critical). */
const threePhases: SprintPlan['phases'] = [
  {
    number: 1,
    name: 'Build',
    estimateHours: { min: 2, max: 3 },
    dependsOn: [],
    criticalPath: true,
    riskLevel: null,
    tasks: [
      { id: '1.1', title: 'Design', estimateHours: 1, assignees: ['dev'], dependsOn: [] },
      {
        id: '1.2',
        title: 'Implement',
        estimateHours: 2,
        assignees: ['dev'],
        dependsOn: ['1.1'],
      },
    ],
  },
  {
    number: 2,
    name: 'Prepare',
    estimateHours: { min: 1, max: 1 },
    dependsOn: [],
    criticalPath: false,
    riskLevel: 'LOW',
    tasks: [{ id: '2.1', title: 'Test plan', estimateHours: 1, assignees: ['qa'], dependsOn: [] }],
  },
  {
    number: 3,
    name: 'Verify',
    estimateHours: { min: 1, max: 2 },
    dependsOn: [1, 2],
    criticalPath: true,
    riskLevel: 'HIGH',
    tasks: [
      { id: '3.1', title: 'Run it', estimateHours: 1, assignees: ['dev', 'qa'], dependsOn: [] },
    ],
  },
];

/**
 * A small sprint to reason about: phases 1 and 2 run in parallel, phase 3 waits for both.
 *
 *   phase 1 (dev):  1.1 -> 1.2        phase 2 (qa): 2.1
 *   phase 3 (after 1 and 2):  3.1 (dev, qa)
 */
export function aSprintPlan(overrides: Partial<SprintPlan> = {}): SprintPlan {
  return {
    key: 'sprint-test',
    name: 'Test sprint',
    branch: 'feat/test',
    startDate: null,
    targetHours: { min: 4, max: 6 },
    criticalPathHours: 4,
    bufferedHours: 6,
    agents: [
      { name: 'dev', role: 'Developer', backup: 'dev-backup', criticalDependencies: ['a laptop'] },
      { name: 'qa', role: 'Tester', backup: null, criticalDependencies: [] },
    ],
    phases: structuredClone(threePhases),
    deliverables: [{ id: 'D-1', category: 'CODE', name: 'src/app.py', phase: 1, path: null }],
    checkpoints: [
      {
        id: 'CP-1',
        name: 'Built',
        phase: 1,
        hourWindow: { from: 2, to: 3 },
        criteria: ['it runs'],
      },
    ],
    risks: [
      { id: 'R-1', category: 'Timeout', severity: 'MEDIUM', status: 'ACTIVE', mitigation: 'Retry' },
    ],
    qualityTargets: [{ metric: 'Test Coverage', target: '80%' }],
    commands: [{ agent: 'dev', blocks: [{ title: 'Run it', lines: ['python src/app.py'] }] }],
    nextSteps: [
      {
        id: 'NS-1',
        title: 'Create the branch',
        details: [],
        commands: ['git checkout -b feat/test'],
      },
    ],
    contacts: [{ role: 'Development', agent: 'dev', backup: 'dev-backup' }],
    escalation: null,
    fileLocations: [{ group: 'Code Base', paths: ['src/'] }],
    timing: defaultTiming,
    ...overrides,
  };
}

/** The parts of a plan a test of other things leaves empty: no deliverables, no handbook. */
export const noSections = {
  deliverables: [],
  checkpoints: [],
  risks: [],
  qualityTargets: [],
  commands: [],
  nextSteps: [],
  contacts: [],
  escalation: null,
  fileLocations: [],
  timing: defaultTiming,
} satisfies Partial<SprintPlan>;
