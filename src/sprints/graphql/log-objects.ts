import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type {
  BlockerSeverity,
  BlockerStatus,
  CommunicationType,
  IssueStatus,
} from '../model/vocabulary.js';
import {
  BlockerSeverityEnum,
  BlockerStatusEnum,
  CommunicationTypeEnum,
  IssueStatusEnum,
} from './enums.js';

/** What a sprint's work records as it goes: its blockers, issues and communication log. */

@ObjectType({ description: 'Something that stops work, from P0 (all work) to P3 (nice to fix).' })
export class Blocker {
  @Field(() => ID, { description: "The blocker's id in the sprint (B-1, B-2, ...)." }) id!: string;
  @Field(() => BlockerSeverityEnum, { description: 'How much work it stops.' })
  severity!: BlockerSeverity;
  @Field({ description: 'The agent who raised it, whose work it stops.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'The task it blocks, if it names one.' })
  taskId!: string | null;
  @Field({ description: 'What blocks the work.' }) description!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The BLOCKER communication that opened it, if one did.',
  })
  communicationId!: string | null;
  @Field(() => BlockerStatusEnum, { description: 'Whether it is open or resolved.' })
  status!: BlockerStatus;
  @Field(() => Date, { description: 'When it was raised.' }) raisedAt!: string;
  @Field(() => Date, { nullable: true, description: 'When it was resolved; null while open.' })
  resolvedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'How it was resolved, once it is.' })
  resolution!: string | null;
  @Field(() => Int, {
    description:
      'How far it was escalated: 0 not yet, 1 to the backup, 2 to the escalation contact.',
  })
  escalations!: number;
  @Field(() => String, { nullable: true, description: 'Whom it was last escalated to.' })
  escalatedTo!: string | null;
}

@ObjectType({
  description: 'An entry of the issue registry: something found wrong, tracked to its fix.',
})
export class Issue {
  @Field(() => ID, { description: 'Its id in the sprint (I-1, I-2, ...).' }) id!: string;
  @Field(() => BlockerSeverityEnum, { description: 'How bad it is.' }) severity!: BlockerSeverity;
  @Field({ description: 'What is wrong, in one line.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'What is wrong, in more words.' })
  description!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The number of the phase it was found in, if given.',
  })
  phase!: number | null;
  @Field(() => String, { nullable: true, description: 'The agent who is to fix it, if assigned.' })
  assignee!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The agent who reported it, who may validate or reopen the fix; null when a coordinator did.',
  })
  reportedBy!: string | null;
  @Field(() => IssueStatusEnum, { description: 'Where it is on its way to closed.' })
  status!: IssueStatus;
  @Field(() => Date, { description: 'When it was reported.' }) reportedAt!: string;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: string;
}

@ObjectType({ description: 'The answer to a REQUEST or a QUESTION.' })
export class Answer {
  @Field({ description: 'Who answered.' }) by!: string;
  @Field({ description: "The answer's text." }) body!: string;
  @Field(() => Date, { description: 'When it was answered.' }) at!: string;
}

@ObjectType({
  description: 'An entry of the communication log: a request, question, notification or blocker.',
})
export class Communication {
  @Field(() => ID, { description: 'Its id in the sprint (C-1, C-2, ...).' }) id!: string;
  @Field(() => Date, { description: 'When it was sent.' }) at!: string;
  @Field({ description: 'The agent who sent it.' }) from!: string;
  @Field(() => String, { nullable: true, description: 'null: to everyone.' }) to!: string | null;
  @Field({ description: 'Its subject line.' }) subject!: string;
  @Field({ description: 'Its text.' }) body!: string;
  @Field(() => CommunicationTypeEnum, { description: 'What kind of message it is.' })
  type!: CommunicationType;
  @Field(() => String, {
    nullable: true,
    description: 'The id of the communication it replies to, if any.',
  })
  replyTo!: string | null;
  @Field(() => Answer, { nullable: true, description: 'Its answer, once it has one.' })
  answer!: Answer | null;
}
