import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Blocker } from '../graphql/log-objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { BlockerSeverityEnum } from '../graphql/enums.js';
import type { BlockerSeverity } from '../model/vocabulary.js';

@InputType({ description: 'Raises a blocker.' })
export class RaiseBlockerInput extends SprintMutationInput {
  @Field(() => BlockerSeverityEnum, { description: 'How much work it stops.' })
  severity!: BlockerSeverity;
  @Field({ description: 'The agent whose work it blocks.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'The task it blocks, if one.' }) taskId?:
    string | null;
  @Field({ description: 'What blocks the work.' }) description!: string;
}

@InputType({ description: "Raises or lowers a blocker's severity." })
export class ChangeBlockerSeverityInput extends SprintMutationInput {
  @Field({ description: 'The id of the blocker.' }) blockerId!: string;
  @Field(() => BlockerSeverityEnum, { description: 'The new severity.' })
  severity!: BlockerSeverity;
  @Field(() => String, { nullable: true, description: 'Why the severity changes.' }) reason?:
    string | null;
}

@InputType({ description: 'Resolves an open blocker.' })
export class ResolveBlockerInput extends SprintMutationInput {
  @Field({ description: 'The id of the blocker.' }) blockerId!: string;
  @Field({ description: 'How it was resolved.' }) resolution!: string;
}

@ObjectType({ description: 'What a blocker mutation returns.' })
export class BlockerPayload extends MutationPayload {
  @Field(() => Blocker, { nullable: true, description: 'The blocker after the mutation.' })
  blocker?: Blocker | null;
}
