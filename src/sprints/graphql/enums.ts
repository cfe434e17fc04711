import { registerEnumType } from '@nestjs/graphql';
import { errorCodes } from '../../common/errors.js';
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

function graphqlEnum<const Values extends readonly string[]>(
  values: Values,
  name: string,
  description: string,
): { [Value in Values[number]]: Value } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as {
    [Value in Values[number]]: Value;
  };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

export const SprintStatusEnum = graphqlEnum(
  sprintStatuses,
  'SprintStatus',
  'PLANNED -> ACTIVE -> COMPLETE',
);
export const AgentStatusEnum = graphqlEnum(
  agentStatuses,
  'AgentStatus',
  'Follows the agent’s work.',
);
export const PhaseStatusEnum = graphqlEnum(
  phaseStatuses,
  'PhaseStatus',
  'Follows the phase’s tasks.',
);
export const TaskStatusEnum = graphqlEnum(
  taskStatuses,
  'TaskStatus',
  'BLOCKED while an open blocker names the task.',
);
export const BlockerSeverityEnum = graphqlEnum(
  blockerSeverities,
  'Severity',
  'P0 blocks all work, P1 blocks the agent’s work, P2 has a workaround, P3 is nice to fix.',
);
export const BlockerStatusEnum = graphqlEnum(
  blockerStatuses,
  'BlockerStatus',
  'OPEN until resolved.',
);
export const IssueStatusEnum = graphqlEnum(
  issueStatuses,
  'IssueStatus',
  'OPEN -> IN_PROGRESS -> FIXED -> VALIDATED -> CLOSED; FIXED and VALIDATED may go back to OPEN.',
);
export const CommunicationTypeEnum = graphqlEnum(
  communicationTypes,
  'CommunicationType',
  'REQUEST and QUESTION can be answered; BLOCKER may open a blocker.',
);
export const CheckpointStatusEnum = graphqlEnum(
  checkpointStatuses,
  'CheckpointStatus',
  'PENDING until validated.',
);
export const DeliverableCategoryEnum = graphqlEnum(
  deliverableCategories,
  'DeliverableCategory',
  'What a deliverable is.',
);
export const RiskLevelEnum = graphqlEnum(riskLevels, 'RiskLevel', 'How bad it would be.');
export const RiskStatusEnum = graphqlEnum(
  riskStatuses,
  'RiskStatus',
  'ACTIVE risks have a mitigation in place.',
);
export const ErrorCodeEnum = graphqlEnum(
  errorCodes,
  'ErrorCode',
  'Stable codes clients may switch on.',
);
export const PlanActionEnum = graphqlEnum(
  planActions,
  'PlanAction',
  'What a scope change does to an element of the plan.',
);
export const PlanElementEnum = graphqlEnum(
  planElements,
  'PlanElement',
  'The kind of plan element a scope change is about.',
);
