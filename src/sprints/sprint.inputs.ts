import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  type BlockerSeverity,
  type CommunicationType,
  type IssueStatus,
  type RiskStatus,
} from './model/vocabulary.js';
import {
  BlockerSeverityEnum,
  CommunicationTypeEnum,
  IssueStatusEnum,
  RiskStatusEnum,
} from './sprint.types.js';

@InputType({ isAbstract: true })
export abstract class IdempotentInput {
  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key records nothing new and returns the first result.',
  })
  idempotencyKey?: string | null;
}

@InputType({ isAbstract: true })
export abstract class SprintMutationInput extends IdempotentInput {
  @Field(() => ID) sprintId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The sprint version the client saw; refused with VERSION_CONFLICT if it moved. Without it the server retries a conflict on fresh state.',
  })
  expectedVersion?: number | null;
}

@InputType()
export class ImportSprintPlanInput extends IdempotentInput {
  @Field({ description: 'The plan, in YAML or JSON (see /contract/sprint-plan.schema.json).' })
  plan!: string;
}

@InputType()
export class CompleteSprintInput extends SprintMutationInput {}

@InputType()
export class DeclareAgentReadyInput extends SprintMutationInput {
  @Field() agent!: string;
}

@InputType()
export class StartTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field({ description: 'The assignee who starts working on it.' }) agent!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Start before the dependencies are complete, for this recorded reason.',
  })
  forceReason?: string | null;
}

@InputType()
export class LogHoursInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field() agent!: string;
  @Field(() => Float) hours!: number;
  @Field(() => String, { nullable: true, description: 'What the hours were spent on.' })
  note?: string | null;
}

@InputType()
export class CompleteTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
}

@InputType()
export class ReopenTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field() reason!: string;
}

@InputType()
export class ReassignTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field(() => [String]) assignees!: string[];
}

@InputType()
export class RaiseBlockerInput extends SprintMutationInput {
  @Field(() => BlockerSeverityEnum) severity!: BlockerSeverity;
  @Field({ description: 'The agent whose work it blocks.' }) agent!: string;
  @Field(() => String, { nullable: true }) taskId?: string | null;
  @Field() description!: string;
}

@InputType()
export class ChangeBlockerSeverityInput extends SprintMutationInput {
  @Field() blockerId!: string;
  @Field(() => BlockerSeverityEnum) severity!: BlockerSeverity;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class ResolveBlockerInput extends SprintMutationInput {
  @Field() blockerId!: string;
  @Field() resolution!: string;
}

@InputType()
export class ReportIssueInput extends SprintMutationInput {
  @Field(() => BlockerSeverityEnum) severity!: BlockerSeverity;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { nullable: true }) phase?: number | null;
  @Field(() => String, { nullable: true }) assignee?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The agent who reports it; an agent token reports as its own agent when this is left out.',
  })
  reportedBy?: string | null;
}

@InputType()
export class AssignIssueInput extends SprintMutationInput {
  @Field() issueId!: string;
  @Field() assignee!: string;
}

@InputType()
export class MoveIssueInput extends SprintMutationInput {
  @Field() issueId!: string;
  @Field(() => IssueStatusEnum) to!: IssueStatus;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class CommunicationBlockerInput {
  @Field(() => BlockerSeverityEnum) severity!: BlockerSeverity;
  @Field(() => String, { nullable: true }) taskId?: string | null;
}

@InputType()
export class LogCommunicationInput extends SprintMutationInput {
  @Field({ description: 'An agent, or "coordinator".' }) from!: string;
  @Field(() => String, {
    nullable: true,
    description: 'An agent or "coordinator"; null: everyone.',
  })
  to?: string | null;
  @Field() subject!: string;
  @Field() body!: string;
  @Field(() => CommunicationTypeEnum) type!: CommunicationType;
  @Field(() => String, { nullable: true }) replyTo?: string | null;
  @Field(() => CommunicationBlockerInput, {
    nullable: true,
    description: 'With type BLOCKER: open a blocker for the sender in the same step.',
  })
  blocker?: CommunicationBlockerInput | null;
}

@InputType()
export class AnswerCommunicationInput extends SprintMutationInput {
  @Field() communicationId!: string;
  @Field() answeredBy!: string;
  @Field() answer!: string;
}

@InputType()
export class StartCheckpointInput extends SprintMutationInput {
  @Field() checkpointId!: string;
}

@InputType()
export class PassCheckpointInput extends SprintMutationInput {
  @Field() checkpointId!: string;
  @Field(() => String, { nullable: true }) result?: string | null;
}

@InputType()
export class FailCheckpointInput extends SprintMutationInput {
  @Field() checkpointId!: string;
  @Field() reason!: string;
}

@InputType()
export class CompleteDeliverableInput extends SprintMutationInput {
  @Field() deliverableId!: string;
}

@InputType()
export class ReopenDeliverableInput extends SprintMutationInput {
  @Field() deliverableId!: string;
  @Field() reason!: string;
}

@InputType()
export class ChangeRiskStatusInput extends SprintMutationInput {
  @Field() riskId!: string;
  @Field(() => RiskStatusEnum) status!: RiskStatus;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class RecordQualityMetricInput extends SprintMutationInput {
  @Field() metric!: string;
  @Field() value!: string;
}
