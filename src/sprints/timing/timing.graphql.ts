import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { Task } from '../graphql/objects.js';

@InputType({ description: "Claims a task for the caller's agent: a lease kept by heartbeats." })
export class ClaimTaskInput extends SprintMutationInput {
  @Field({ description: 'A task from readyTasks, or one this agent started without a lease.' })
  taskId!: string;
  @Field({ description: 'The assignee who claims it.' }) agent!: string;
}

@InputType({ description: "Renews the lease the caller's agent holds on a task." })
export class HeartbeatInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field({ description: 'The agent holding the lease.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'A short word on progress.' })
  note?: string | null;
}

@InputType({ description: 'Gives up the lease on a task, so another agent can claim it.' })
export class ReleaseTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field({ description: 'The agent holding the lease.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'Why it is given back.' })
  reason?: string | null;
}

@ObjectType({ description: 'What a claim, heartbeat or release returns.' })
export class LeasePayload extends MutationPayload {
  @Field(() => Task, {
    nullable: true,
    description: 'The task after it: its lease says until when it is held.',
  })
  task?: Task | null;
}

@ObjectType({ description: 'A task an agent can start now, with how urgent it is.' })
export class ReadyTask {
  @Field(() => Task, { description: 'The task.' }) task!: Task;
  @Field(() => Float, { description: 'Hours it may slip before the sprint’s finish moves.' })
  slackHours!: number;
  @Field({ description: 'Whether it is on the critical path.' }) critical!: boolean;
}
