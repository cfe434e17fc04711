import { graphqlEnum } from '../../common/graphql-enum.js';
import { errorCodeDescriptions, errorCodes } from '../../common/errors.js';
import {
  agentStatuses,
  blockerSeverities,
  blockerStatuses,
  checkpointStatuses,
  communicationTypes,
  deliverableCategories,
  issueStatuses,
  phaseStatuses,
  planActions,
  planElements,
  riskLevels,
  riskStatuses,
  sprintStatuses,
  taskStatuses,
} from '../model/vocabulary.js';

export const SprintStatusEnum = graphqlEnum(
  sprintStatuses,
  'SprintStatus',
  'PLANNED -> ACTIVE -> COMPLETE',
  {
    PLANNED: 'Imported; no task has started.',
    ACTIVE: 'A task has started.',
    COMPLETE: 'Completed: its work is done.',
    CANCELLED: 'Cancelled before it completed.',
  },
);
export const AgentStatusEnum = graphqlEnum(
  agentStatuses,
  'AgentStatus',
  'Follows the agent’s work.',
  {
    ASSIGNED: 'In the plan, not yet declared ready.',
    READY: 'Ready to take work.',
    ACTIVE: 'Working a task.',
    BLOCKED: 'Its work is stopped by an open P0 or P1 blocker.',
    COMPLETE: 'All its tasks are complete.',
    RETIRED: 'Retired from the sprint.',
  },
);
export const PhaseStatusEnum = graphqlEnum(
  phaseStatuses,
  'PhaseStatus',
  'Follows the phase’s tasks.',
  {
    NOT_STARTED: 'None of its tasks has started.',
    IN_PROGRESS: 'A task has started; not all are complete.',
    COMPLETE: 'All its tasks are complete.',
    CANCELLED: 'Cancelled from the plan.',
  },
);
export const TaskStatusEnum = graphqlEnum(
  taskStatuses,
  'TaskStatus',
  'BLOCKED while an open blocker names the task.',
  {
    NOT_STARTED: 'Not started.',
    IN_PROGRESS: 'Being worked.',
    BLOCKED: 'Started, and an open blocker names it.',
    COMPLETE: 'Done.',
    CANCELLED: 'Cancelled from the plan.',
  },
);
export const BlockerSeverityEnum = graphqlEnum(
  blockerSeverities,
  'Severity',
  'P0 blocks all work, P1 blocks the agent’s work, P2 has a workaround, P3 is nice to fix.',
  {
    P0: 'Blocks all work: no task starts until it is resolved.',
    P1: 'Blocks the raising agent’s work.',
    P2: 'Has a workaround; work goes on.',
    P3: 'Nice to fix.',
  },
);
export const BlockerStatusEnum = graphqlEnum(
  blockerStatuses,
  'BlockerStatus',
  'OPEN until resolved.',
  {
    OPEN: 'Still blocks work.',
    RESOLVED: 'Resolved, with a resolution.',
  },
);
export const IssueStatusEnum = graphqlEnum(
  issueStatuses,
  'IssueStatus',
  'OPEN -> IN_PROGRESS -> FIXED -> VALIDATED -> CLOSED; FIXED and VALIDATED may go back to OPEN.',
  {
    OPEN: 'Reported, not yet worked.',
    IN_PROGRESS: 'Being fixed.',
    FIXED: 'Fixed, awaiting validation.',
    VALIDATED: 'The fix is validated.',
    CLOSED: 'Closed.',
  },
);
export const CommunicationTypeEnum = graphqlEnum(
  communicationTypes,
  'CommunicationType',
  'REQUEST and QUESTION can be answered; BLOCKER may open a blocker.',
  {
    REQUEST: 'Asks an agent to do something; can be answered.',
    QUESTION: 'Asks for information; can be answered.',
    NOTIFICATION: 'Tells; needs no answer.',
    BLOCKER: 'Reports a blocker; with a severity it raises one.',
  },
);
export const CheckpointStatusEnum = graphqlEnum(
  checkpointStatuses,
  'CheckpointStatus',
  'PENDING until validated.',
  {
    PENDING: 'Not yet validated.',
    IN_PROGRESS: 'Being validated.',
    PASSED: 'Its criteria hold.',
    FAILED: 'Its criteria did not hold.',
    CANCELLED: 'Cancelled from the plan.',
  },
);
export const DeliverableCategoryEnum = graphqlEnum(
  deliverableCategories,
  'DeliverableCategory',
  'What a deliverable is.',
  {
    CODE: 'Source code.',
    DOCUMENTATION: 'Documentation.',
    VALIDATION: 'A test, a report or another proof of the work.',
  },
);
export const RiskLevelEnum = graphqlEnum(riskLevels, 'RiskLevel', 'How bad it would be.', {
  LOW: 'Would cost little.',
  MEDIUM: 'Would cost some of the sprint.',
  HIGH: 'Would put the sprint at risk.',
});
export const RiskStatusEnum = graphqlEnum(
  riskStatuses,
  'RiskStatus',
  'ACTIVE risks have a mitigation in place.',
  {
    ACTIVE: 'Watched, with its mitigation in place.',
    TRIGGERED: 'It happened; the mitigation is under way.',
    MITIGATED: 'Dealt with.',
    CLOSED: 'No longer a risk.',
  },
);
export const ErrorCodeEnum = graphqlEnum(
  errorCodes,
  'ErrorCode',
  'Stable codes clients may switch on.',
  errorCodeDescriptions,
);
export const PlanActionEnum = graphqlEnum(
  planActions,
  'PlanAction',
  'What a scope change does to an element of the plan.',
  {
    ADDED: 'The element is new.',
    CHANGED: 'Fields of the element change.',
    CANCELLED: 'The element is cancelled or removed.',
  },
);
export const PlanElementEnum = graphqlEnum(
  planElements,
  'PlanElement',
  'The kind of plan element a scope change is about.',
  {
    SPRINT: 'The sprint itself.',
    AGENT: 'An agent.',
    PHASE: 'A phase.',
    TASK: 'A task.',
    DELIVERABLE: 'A deliverable.',
    CHECKPOINT: 'A checkpoint.',
    RISK: 'A risk of the register.',
    QUALITY_TARGET: 'A quality target.',
    COMMANDS: 'An agent’s command reference.',
    NEXT_STEP: 'An item of the next-steps checklist.',
    CONTACTS: 'The emergency contacts.',
    FILE_LOCATIONS: 'The file locations.',
  },
);

export const qualityStatuses = ['MET', 'NOT_MET', 'PENDING'] as const;
export type QualityStatus = (typeof qualityStatuses)[number];
export const QualityStatusEnum = graphqlEnum(
  qualityStatuses,
  'QualityStatus',
  'Whether a quality target is met by the last value recorded.',
  {
    MET: 'The last value recorded meets the target.',
    NOT_MET: 'The last value recorded misses the target.',
    PENDING: 'No value recorded yet, or one the target cannot be read against.',
  },
);
