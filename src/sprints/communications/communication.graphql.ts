import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Communication, Blocker } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { BlockerSeverityEnum, CommunicationTypeEnum } from '../graphql/enums.js';
import type { BlockerSeverity, CommunicationType } from '../model/vocabulary.js';

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

@ObjectType()
export class CommunicationPayload extends MutationPayload {
  @Field(() => Communication, { nullable: true }) communication?: Communication | null;
  @Field(() => Blocker, { nullable: true, description: 'The blocker a BLOCKER message opened.' })
  blocker?: Blocker | null;
}
