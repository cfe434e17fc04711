import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { Task } from '../graphql/objects.js';

@InputType()
export class ClaimTaskInput extends SprintMutationInput {
  @Field({ description: 'A task from readyTasks, or one this agent started without a lease.' })
  taskId!: string;
  @Field({ description: 'The assignee who claims it.' }) agent!: string;
}

@InputType()
export class HeartbeatInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field({ description: 'The agent holding the lease.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'A short word on progress.' })
  note?: string | null;
}

@InputType()
export class ReleaseTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field({ description: 'The agent holding the lease.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'Why it is given back.' })
  reason?: string | null;
}

@ObjectType()
export class LeasePayload extends MutationPayload {
  @Field(() => Task, {
    nullable: true,
    description: 'The task after it: its lease says until when it is held.',
  })
  task?: Task | null;
}

@ObjectType({ description: 'A task an agent can start now, with how urgent it is.' })
export class ReadyTask {
  @Field(() => Task) task!: Task;
  @Field(() => Float, { description: 'Hours it may slip before the sprint’s finish moves.' })
  slackHours!: number;
  @Field({ description: 'Whether it is on the critical path.' }) critical!: boolean;
}
