import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { Task } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';

@InputType({ description: 'Starts work on a task.' })
export class StartTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field({ description: 'The assignee who starts working on it.' }) agent!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Start before the dependencies are complete, for this recorded reason.',
  })
  forceReason?: string | null;
}

@InputType({ description: 'Logs hours worked on a task.' })
export class LogHoursInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field({ description: 'The assignee who worked them.' }) agent!: string;
  @Field(() => Float, { description: 'How many hours, more than 0.' }) hours!: number;
  @Field(() => String, { nullable: true, description: 'What the hours were spent on.' })
  note?: string | null;
}

@InputType({ description: 'Completes a task the caller works.' })
export class CompleteTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
}

@InputType({ description: 'Reopens a complete task.' })
export class ReopenTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field({ description: 'Why it is reopened.' }) reason!: string;
}

@InputType({ description: 'Gives a task to other agents.' })
export class ReassignTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field(() => [String], { description: 'Its new assignees.' }) assignees!: string[];
}

@ObjectType({ description: 'What a task mutation returns.' })
export class TaskPayload extends MutationPayload {
  @Field(() => Task, { nullable: true, description: 'The task after the mutation.' })
  task?: Task | null;
}
