import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Issue } from '../graphql/log-objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { BlockerSeverityEnum, IssueStatusEnum } from '../graphql/enums.js';
import type { BlockerSeverity, IssueStatus } from '../model/vocabulary.js';

@InputType({ description: 'Reports an issue to the registry.' })
export class ReportIssueInput extends SprintMutationInput {
  @Field(() => BlockerSeverityEnum, { description: 'How bad it is.' }) severity!: BlockerSeverity;
  @Field({ description: 'What is wrong, in one line.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'What is wrong, in more words.' })
  description?: string | null;
  @Field(() => Int, { nullable: true, description: 'The number of the phase it was found in.' })
  phase?: number | null;
  @Field(() => String, { nullable: true, description: 'The agent who is to fix it, if known.' })
  assignee?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The agent who reports it; an agent token reports as its own agent when this is left out.',
  })
  reportedBy?: string | null;
}

@InputType({ description: 'Assigns an issue of the registry to an agent.' })
export class AssignIssueInput extends SprintMutationInput {
  @Field({ description: 'The id of the issue.' }) issueId!: string;
  @Field({ description: 'The agent who is to fix it.' }) assignee!: string;
}

@InputType({ description: 'Moves an issue to another status.' })
export class MoveIssueInput extends SprintMutationInput {
  @Field({ description: 'The id of the issue.' }) issueId!: string;
  @Field(() => IssueStatusEnum, { description: 'The status it moves to.' }) to!: IssueStatus;
  @Field(() => String, { nullable: true, description: 'Why, for the record.' }) note?:
    string | null;
}

@ObjectType({ description: 'What an issue mutation returns.' })
export class IssuePayload extends MutationPayload {
  @Field(() => Issue, { nullable: true, description: 'The issue after the mutation.' })
  issue?: Issue | null;
}
