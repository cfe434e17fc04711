import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Communication, Blocker } from '../graphql/log-objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { BlockerSeverityEnum, CommunicationTypeEnum } from '../graphql/enums.js';
import type { BlockerSeverity, CommunicationType } from '../model/vocabulary.js';

@InputType({ description: 'A blocker to open with a BLOCKER communication.' })
export class CommunicationBlockerInput {
  @Field(() => BlockerSeverityEnum, { description: "The blocker's severity." })
  severity!: BlockerSeverity;
  @Field(() => String, { nullable: true, description: 'The task it blocks, if any.' }) taskId?:
    string | null;
}

@InputType({ description: 'Adds an entry to the communication log.' })
export class LogCommunicationInput extends SprintMutationInput {
  @Field({ description: 'An agent, or "coordinator".' }) from!: string;
  @Field(() => String, {
    nullable: true,
    description: 'An agent or "coordinator"; null: everyone.',
  })
  to?: string | null;
  @Field({ description: 'Its subject line.' }) subject!: string;
  @Field({ description: 'Its text.' }) body!: string;
  @Field(() => CommunicationTypeEnum, { description: 'What kind of message it is.' })
  type!: CommunicationType;
  @Field(() => String, {
    nullable: true,
    description: 'The id of the communication it replies to, if any.',
  })
  replyTo?: string | null;
  @Field(() => CommunicationBlockerInput, {
    nullable: true,
    description: 'With type BLOCKER: open a blocker for the sender in the same step.',
  })
  blocker?: CommunicationBlockerInput | null;
}

@InputType({ description: 'Answers a REQUEST or a QUESTION of the communication log.' })
export class AnswerCommunicationInput extends SprintMutationInput {
  @Field({ description: 'The id of the communication answered.' }) communicationId!: string;
  @Field({ description: 'Who answers: an agent of the sprint.' }) answeredBy!: string;
  @Field({ description: "The answer's text." }) answer!: string;
}

@ObjectType({ description: 'What a communication mutation returns.' })
export class CommunicationPayload extends MutationPayload {
  @Field(() => Communication, {
    nullable: true,
    description: 'The communication after the mutation.',
  })
  communication?: Communication | null;
  @Field(() => Blocker, { nullable: true, description: 'The blocker a BLOCKER message opened.' })
  blocker?: Blocker | null;
}
