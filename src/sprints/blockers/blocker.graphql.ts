import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Blocker } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { BlockerSeverityEnum } from '../graphql/enums.js';
import type { BlockerSeverity } from '../model/vocabulary.js';

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

@ObjectType()
export class BlockerPayload extends MutationPayload {
  @Field(() => Blocker, { nullable: true }) blocker?: Blocker | null;
}
