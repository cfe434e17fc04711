import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Agent } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput, IdempotentInput } from '../graphql/mutation.js';

@InputType()
export class ImportSprintPlanInput extends IdempotentInput {
  @Field({ description: 'The plan, in YAML or JSON (see /contract/sprint-plan.schema.json).' })
  plan!: string;
}

@InputType()
export class CompleteSprintInput extends SprintMutationInput {}

@InputType()
export class DeclareAgentReadyInput extends SprintMutationInput {
  @Field() agent!: string;
}

@ObjectType()
export class AgentPayload extends MutationPayload {
  @Field(() => Agent, { nullable: true }) agent?: Agent | null;
}
