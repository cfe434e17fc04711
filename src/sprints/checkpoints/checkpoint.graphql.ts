import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Checkpoint } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';

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

@ObjectType()
export class CheckpointPayload extends MutationPayload {
  @Field(() => Checkpoint, { nullable: true }) checkpoint?: Checkpoint | null;
}
