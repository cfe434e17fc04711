import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { Task } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';

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

@ObjectType()
export class TaskPayload extends MutationPayload {
  @Field(() => Task, { nullable: true }) task?: Task | null;
}
