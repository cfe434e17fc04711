import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Checkpoint } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';

@InputType({ description: 'Starts the validation of a checkpoint.' })
export class StartCheckpointInput extends SprintMutationInput {
  @Field({ description: 'The id of the checkpoint.' }) checkpointId!: string;
}

@InputType({ description: 'Records that a checkpoint passed.' })
export class PassCheckpointInput extends SprintMutationInput {
  @Field({ description: 'The id of the checkpoint.' }) checkpointId!: string;
  @Field(() => String, { nullable: true, description: 'What the validation found.' }) result?:
    string | null;
}

@InputType({ description: 'Records that a checkpoint failed.' })
export class FailCheckpointInput extends SprintMutationInput {
  @Field({ description: 'The id of the checkpoint.' }) checkpointId!: string;
  @Field({ description: 'What failed.' }) reason!: string;
}

@ObjectType({ description: 'What a checkpoint mutation returns.' })
export class CheckpointPayload extends MutationPayload {
  @Field(() => Checkpoint, { nullable: true, description: 'The checkpoint after the mutation.' })
  checkpoint?: Checkpoint | null;
}
