import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Issue } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { BlockerSeverityEnum, IssueStatusEnum } from '../graphql/enums.js';
import type { BlockerSeverity, IssueStatus } from '../model/vocabulary.js';

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

@ObjectType()
export class IssuePayload extends MutationPayload {
  @Field(() => Issue, { nullable: true }) issue?: Issue | null;
}
